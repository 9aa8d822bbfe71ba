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
 * <p>Dispatch, for an input of class {@code C}, happens in two steps:
 *
 * <ol>
 *   <li>Exactly one declared class is picked: {@code C} itself if cases were declared for {@code
 *       C}; otherwise the first declared class, in declaration order, that {@code C} is assignable
 *       to (a superclass or an interface of {@code C}); otherwise none.
 *   <li>Only the cases of that one class are tried: its conditional cases ({@link #predicate(Class,
 *       Predicate, BiConsumer)}) in declaration order, then its unconditional case ({@link
 *       #predicate(Class, BiConsumer)}), if any. If no class was picked, or none of its cases takes
 *       the input, the {@link #otherwise} case takes it.
 * </ol>
 *
 * <p>There is no fall-through to a broader class: if the picked class's cases do not take the
 * input, the cases of other declared classes the input is assignable to are <em>not</em> tried,
 * even if they would take it. For example, with an unconditional case for {@code Animal} and only a
 * conditional case for {@code Dog}, a {@code Dog} the condition rejects goes to {@link #otherwise},
 * not to the {@code Animal} case. An input that no case takes and for which there is no otherwise
 * case is an error that names the input's class and the function type.
 *
 * <p>A {@code predicate} or {@code otherwise} call that throws leaves the binder unchanged.
 */
public final class MatchBinder {
  private final Map<Class<?>, Cases> casesByDeclaredClass = new LinkedHashMap<>();
  private final Map<Class<?>, Cases> resolved = new HashMap<>();
  private BiConsumer<Context, Object> otherwise;

  /**
   * Handles inputs of {@code type} and of its subtypes, as the class documentation describes: a
   * subtype with cases of its own, or one that an earlier declared class also matches, does not
   * reach this case.
   *
   * @throws IllegalArgumentException if {@code type} or {@code action} is null
   * @throws IllegalStateException if {@code type} already has an unconditional case
   */
  public <T> MatchBinder predicate(Class<T> type, BiConsumer<Context, T> action) {
    requireType(type);
    BiConsumer<Context, Object> erased = erase(type, action);
    Cases existing = casesByDeclaredClass.get(type);
    if (existing != null && existing.unconditional != null) {
      throw new IllegalStateException("an unconditional case for " + type.getName() + " exists");
    }
    casesOf(type).unconditional = erased;
    return this;
  }

  /**
   * Handles inputs of {@code type} and of its subtypes for which {@code condition} holds, as the
   * class documentation describes: a subtype with cases of its own, or one that an earlier declared
   * class also matches, does not reach this case.
   *
   * @throws IllegalArgumentException if {@code type}, {@code condition} or {@code action} is null
   */
  public <T> MatchBinder predicate(
      Class<T> type, Predicate<T> condition, BiConsumer<Context, T> action) {
    requireType(type);
    if (condition == null) {
      throw new IllegalArgumentException("condition for " + type.getName() + " must not be null");
    }
    BiConsumer<Context, Object> erased = erase(type, action);
    ConditionalCase conditional = new ConditionalCase(o -> condition.test(type.cast(o)), erased);
    casesOf(type).conditional.add(conditional);
    return this;
  }

  /**
   * Handles every input that no other case takes.
   *
   * @throws IllegalArgumentException if {@code action} is null
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

  private static void requireType(Class<?> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
  }

  /** The cases of {@code type}, created if needed. Call only once all arguments are valid. */
  private Cases casesOf(Class<?> type) {
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
