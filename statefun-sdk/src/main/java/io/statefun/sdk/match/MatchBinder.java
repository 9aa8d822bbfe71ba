package io.statefun.sdk.match;

import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Declares how a {@link StatefulMatchFunction} dispatches on its input.
 *
 * <p>Precedence, for an input of class {@code C}: the cases declared for the class {@code C}
 * itself; then those of the first declared class that {@code C} is assignable to (a superclass or
 * an interface). Within one class, conditional cases ({@link #predicate(Class, Predicate,
 * BiConsumer)}) are tried in declaration order before the unconditional one ({@link
 * #predicate(Class, BiConsumer)}). Finally {@link #otherwise}. An input no case takes is an error
 * that names the input's class and the function type.
 */
public final class MatchBinder {
  private final Map<Class<?>, Cases> casesByDeclaredClass = new LinkedHashMap<>();
  private final Map<Class<?>, Cases> resolved = new HashMap<>();
  private BiConsumer<Context, Object> otherwise;

  /**
   * Handles inputs of {@code type} (and its subtypes, unless they have cases of their own).
   *
   * @throws IllegalStateException if {@code type} already has an unconditional case
   */
  public <T> MatchBinder predicate(Class<T> type, BiConsumer<Context, T> action) {
    Cases cases = casesOf(type);
    if (cases.unconditional != null) {
      throw new IllegalStateException("an unconditional case for " + type.getName() + " exists");
    }
    cases.unconditional = erase(type, action);
    return this;
  }

  /** Handles inputs of {@code type} for which {@code condition} holds. */
  public <T> MatchBinder predicate(
      Class<T> type, Predicate<T> condition, BiConsumer<Context, T> action) {
    if (condition == null) {
      throw new IllegalArgumentException("condition must not be null");
    }
    BiConsumer<Context, Object> erased = erase(type, action);
    casesOf(type).conditional.add(new ConditionalCase(o -> condition.test(type.cast(o)), erased));
    return this;
  }

  /**
   * Handles every input that no other case takes.
   *
   * @throws IllegalStateException if an otherwise case exists
   */
  public MatchBinder otherwise(BiConsumer<Context, Object> action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    if (otherwise != null) {
      throw new IllegalStateException("an otherwise case exists");
    }
    otherwise = action;
    return this;
  }

  void invoke(FunctionType functionType, Context context, Object input) {
    Class<?> inputClass = input.getClass();
    Cases cases = resolved.computeIfAbsent(inputClass, this::casesFor);
    if (cases != null) {
      for (ConditionalCase conditional : cases.conditional) {
        if (conditional.condition.test(input)) {
          conditional.action.accept(context, input);
          return;
        }
      }
      if (cases.unconditional != null) {
        cases.unconditional.accept(context, input);
        return;
      }
    }
    if (otherwise != null) {
      otherwise.accept(context, input);
      return;
    }
    throw new IllegalStateException(
        "function "
            + functionType
            + " has no case for an input of class "
            + inputClass.getName()
            + " and no otherwise case");
  }

  private Cases casesFor(Class<?> inputClass) {
    Cases exact = casesByDeclaredClass.get(inputClass);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<Class<?>, Cases> declared : casesByDeclaredClass.entrySet()) {
      if (declared.getKey().isAssignableFrom(inputClass)) {
        return declared.getValue();
      }
    }
    return null;
  }

  private Cases casesOf(Class<?> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    resolved.clear();
    return casesByDeclaredClass.computeIfAbsent(type, t -> new Cases());
  }

  @SuppressWarnings("unchecked")
  private static <T> BiConsumer<Context, Object> erase(
      Class<T> type, BiConsumer<Context, T> action) {
    if (action == null) {
      throw new IllegalArgumentException("action for " + type.getName() + " must not be null");
    }
    return (BiConsumer<Context, Object>) (BiConsumer<Context, ?>) action;
  }

  private static final class Cases {
    final List<ConditionalCase> conditional = new ArrayList<>();
    BiConsumer<Context, Object> unconditional;
  }

  private static final class ConditionalCase {
    final Predicate<Object> condition;
    final BiConsumer<Context, Object> action;

    ConditionalCase(Predicate<Object> condition, BiConsumer<Context, Object> action) {
      this.condition = condition;
      this.action = action;
    }
  }
}
