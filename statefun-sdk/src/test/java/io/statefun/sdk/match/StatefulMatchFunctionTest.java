package io.statefun.sdk.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatefulMatchFunctionTest {
  private static final FunctionType TYPE = new FunctionType("com.example", "matcher");

  interface Animal {}

  interface Pet {}

  static class Dog implements Animal, Pet {}

  static class Puppy extends Dog {}

  static final class Cat implements Animal {
    final boolean hungry;

    Cat(boolean hungry) {
      this.hungry = hungry;
    }
  }

  private final TestContext context = new TestContext(new Address(TYPE, "id"), null);

  /** The names of the cases that took the inputs, in order. */
  private final List<String> taken = new ArrayList<>();

  private StatefulMatchFunction function(Consumer<MatchBinder> configure) {
    return new StatefulMatchFunction() {
      @Override
      public void configure(MatchBinder binder) {
        configure.accept(binder);
      }
    };
  }

  private <T> BiConsumer<Context, T> take(String name) {
    return (ctx, input) -> taken.add(name);
  }

  @Test
  void dispatchesOnTheInputsClass() {
    StatefulMatchFunction function =
        function(
            b -> b.predicate(String.class, take("string")).predicate(Integer.class, take("int")));

    function.invoke(context, 1);
    function.invoke(context, "a");

    assertThat(taken).containsExactly("int", "string");
  }

  @Test
  void actionReceivesTheContextAndTheTypedInput() {
    List<Object> seen = new ArrayList<>();
    StatefulMatchFunction function =
        function(
            b ->
                b.predicate(
                    String.class,
                    (ctx, input) -> {
                      seen.add(ctx);
                      seen.add(input.length());
                    }));

    function.invoke(context, "abc");

    assertThat(seen).containsExactly(context, 3);
  }

  @Test
  void exactClassTakesPrecedenceOverAnAssignableClassDeclaredEarlier() {
    StatefulMatchFunction function =
        function(b -> b.predicate(Animal.class, take("animal")).predicate(Dog.class, take("dog")));

    function.invoke(context, new Dog());
    function.invoke(context, new Cat(false));

    assertThat(taken).containsExactly("dog", "animal");
  }

  @Test
  void undeclaredClassGoesToTheFirstDeclaredClassItIsAssignableTo() {
    StatefulMatchFunction function =
        function(
            b ->
                b.predicate(Pet.class, take("pet"))
                    .predicate(Dog.class, take("dog"))
                    .predicate(Animal.class, take("animal")));

    function.invoke(context, new Puppy());

    assertThat(taken).containsExactly("pet");
  }

  @Test
  void conditionalCasesAreTriedInDeclarationOrderBeforeTheUnconditionalOne() {
    StatefulMatchFunction function =
        function(
            b ->
                b.predicate(Integer.class, take("any"))
                    .predicate(Integer.class, i -> i > 10, take("big"))
                    .predicate(Integer.class, i -> i > 100, take("huge")));

    function.invoke(context, 1000);
    function.invoke(context, 50);
    function.invoke(context, 5);

    assertThat(taken).containsExactly("big", "big", "any");
  }

  @Test
  void conditionalCasesApplyToAssignableInputs() {
    StatefulMatchFunction function =
        function(
            b ->
                b.predicate(Animal.class, a -> a instanceof Cat && ((Cat) a).hungry, take("feed"))
                    .predicate(Animal.class, take("pet")));

    function.invoke(context, new Cat(true));
    function.invoke(context, new Cat(false));

    assertThat(taken).containsExactly("feed", "pet");
  }

  @Test
  void otherwiseTakesOnlyInputsNoCaseTakes() {
    StatefulMatchFunction function =
        function(
            b ->
                b.otherwise(take("otherwise"))
                    .predicate(Integer.class, i -> i > 10, take("big"))
                    .predicate(String.class, take("string")));

    function.invoke(context, "a");
    function.invoke(context, 50);
    function.invoke(context, 5);
    function.invoke(context, 1.5);

    assertThat(taken).containsExactly("string", "big", "otherwise", "otherwise");
  }

  @Test
  void classWithCasesOfItsOwnDoesNotFallBackToAnAssignableClass() {
    // MatchBinder: only the one picked class's cases are tried; there is no fall-through.
    StatefulMatchFunction function =
        function(
            b ->
                b.predicate(Animal.class, take("animal"))
                    .predicate(Dog.class, d -> false, take("never"))
                    .otherwise(take("otherwise")));

    function.invoke(context, new Dog());

    assertThat(taken).containsExactly("otherwise");
  }

  @Test
  void configureIsCalledOnceAcrossInvocations() {
    int[] configureCalls = {0};
    StatefulMatchFunction function =
        function(
            b -> {
              configureCalls[0]++;
              b.predicate(String.class, take("string"));
            });

    for (int i = 0; i < 5; i++) {
      function.invoke(context, "a");
    }

    assertThat(configureCalls[0]).isEqualTo(1);
    assertThat(taken).hasSize(5);
  }

  @Test
  void unmatchedInputWithoutOtherwiseThrowsNamingTheClassAndTheFunctionType() {
    StatefulMatchFunction function = function(b -> b.predicate(String.class, take("string")));

    assertThatThrownBy(() -> function.invoke(context, 42))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining("com.example/matcher");
  }

  @Test
  void inputFailingAllConditionsWithoutOtherwiseThrows() {
    StatefulMatchFunction function =
        function(b -> b.predicate(Integer.class, i -> i > 10, take("big")));

    assertThatThrownBy(() -> function.invoke(context, 5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("java.lang.Integer");
    assertThat(taken).isEmpty();
  }

  @Test
  void secondUnconditionalCaseForTheSameClassThrows() {
    MatchBinder binder = new MatchBinder().predicate(String.class, take("first"));

    assertThatThrownBy(() -> binder.predicate(String.class, take("second")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void secondOtherwiseThrows() {
    MatchBinder binder = new MatchBinder().otherwise(take("first"));

    assertThatThrownBy(() -> binder.otherwise(take("second")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullTypeActionOrConditionIsRejected() {
    MatchBinder binder = new MatchBinder();

    assertThatThrownBy(() -> binder.predicate(null, take("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
    assertThatThrownBy(() -> binder.predicate(null, s -> true, take("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
    assertThatThrownBy(() -> binder.predicate(String.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> binder.predicate(String.class, null, take("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("condition")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> binder.predicate(String.class, s -> true, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> binder.otherwise(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action");
  }

  @Test
  void rejectedPredicateCallsLeaveNoTrace() {
    // Were a rejected call to leave an (empty) entry for Dog, a Dog would be dispatched to it
    // rather than to the Animal case.
    StatefulMatchFunction function =
        function(
            b -> {
              b.predicate(Animal.class, take("animal")).otherwise(take("otherwise"));
              assertThatThrownBy(() -> b.predicate(Dog.class, null))
                  .isInstanceOf(IllegalArgumentException.class);
              assertThatThrownBy(() -> b.predicate(Dog.class, null, take("never")))
                  .isInstanceOf(IllegalArgumentException.class);
              assertThatThrownBy(() -> b.predicate(Dog.class, d -> true, null))
                  .isInstanceOf(IllegalArgumentException.class);
            });

    function.invoke(context, new Dog());

    assertThat(taken).containsExactly("animal");
  }

  @Test
  void rejectedPredicateCallDoesNotChangeExistingCases() {
    MatchBinder binder = new MatchBinder().predicate(String.class, take("first"));

    assertThatThrownBy(() -> binder.predicate(String.class, take("second")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> binder.predicate(String.class, s -> true, null))
        .isInstanceOf(IllegalArgumentException.class);
    binder.invoke(TYPE, context, "a");

    assertThat(taken).containsExactly("first");
  }
}
