package io.statefun.flink.core.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.universe.TestModules.FailingModule;
import io.statefun.flink.core.universe.TestModules.FirstModule;
import io.statefun.flink.core.universe.TestModules.SecondModule;
import io.statefun.flink.core.universe.TestSpecs.NoopProvider;
import io.statefun.flink.core.universe.TestSpecs.NoopRouter;
import io.statefun.flink.core.universe.TestSpecs.TestIngress;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UniverseBinderTest {
  private static final IngressIdentifier<String> IN =
      new IngressIdentifier<>(String.class, "test", "in");
  private static final EgressIdentifier<String> OUT =
      new EgressIdentifier<>("test", "out", String.class);
  private static final FunctionType FN = new FunctionType("test", "fn");

  private final UniverseBinder binder = new UniverseBinder();

  @Test
  void collectsBindingsOfSeveralModules() {
    NoopRouter<String> router = new NoopRouter<>();
    StatefulFunctionProvider exact = new NoopProvider();
    StatefulFunctionProvider namespace = new NoopProvider();
    binder.configure(
        new FirstModule(
            b -> {
              b.bindIngress(TestSpecs.ingress(IN));
              b.bindIngressRouter(IN, router);
            }),
        Map.of());
    binder.configure(
        new SecondModule(
            b -> {
              b.bindEgress(TestSpecs.egress(OUT));
              b.bindFunctionProvider(FN, exact);
              b.bindFunctionProvider(
                  FunctionTypeNamespaceMatcher.targetNamespace("dyn"), namespace);
            }),
        Map.of());

    StatefulFunctionsUniverse universe = binder.build();

    assertThat(universe.ingresses()).containsOnlyKeys(IN);
    assertThat(universe.routersOf(IN)).containsExactly(router);
    assertThat(universe.egresses()).containsOnlyKeys(OUT);
    assertThat(universe.providerOf(FN)).isSameAs(exact);
    assertThat(universe.providerOf(new FunctionType("dyn", "anything"))).isSameAs(namespace);
    assertThat(universe.providerOf(new FunctionType("test", "unbound"))).isNull();
  }

  @Test
  void anExactBindingTakesPrecedenceOverANamespaceBinding() {
    StatefulFunctionProvider exact = new NoopProvider();
    StatefulFunctionProvider namespace = new NoopProvider();
    binder.configure(
        new FirstModule(
            b -> {
              b.bindFunctionProvider(
                  FunctionTypeNamespaceMatcher.targetNamespace("test"), namespace);
              b.bindFunctionProvider(FN, exact);
            }),
        Map.of());

    StatefulFunctionsUniverse universe = binder.build();

    assertThat(universe.providerOf(FN)).isSameAs(exact);
    assertThat(universe.providerOf(new FunctionType("test", "other"))).isSameAs(namespace);
  }

  private void assertDuplicateAcrossModules(
      TestModules.Bindings first, TestModules.Bindings second, String key) {
    binder.configure(new FirstModule(first), Map.of());

    assertThatThrownBy(() -> binder.configure(new SecondModule(second), Map.of()))
        .isInstanceOf(DuplicateBindingException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(FirstModule.class.getName())
        .hasMessageContaining(SecondModule.class.getName());
  }

  @Test
  void duplicateIngressNamesTheIngressAndBothModules() {
    assertDuplicateAcrossModules(
        b -> b.bindIngress(TestSpecs.ingress(IN)),
        b -> b.bindIngress(new TestIngress<>(IN, "another spec, same id")),
        "test/in");
  }

  @Test
  void duplicateEgressNamesTheEgressAndBothModules() {
    assertDuplicateAcrossModules(
        b -> b.bindEgress(TestSpecs.egress(OUT)),
        b -> b.bindEgress(TestSpecs.egress(new EgressIdentifier<>("test", "out", String.class))),
        "test/out");
  }

  @Test
  void duplicateFunctionTypeNamesTheTypeAndBothModules() {
    assertDuplicateAcrossModules(
        b -> b.bindFunctionProvider(FN, new NoopProvider()),
        b -> b.bindFunctionProvider(new FunctionType("test", "fn"), new NoopProvider()),
        "test/fn");
  }

  @Test
  void duplicateNamespaceMatcherNamesTheNamespaceAndBothModules() {
    assertDuplicateAcrossModules(
        b ->
            b.bindFunctionProvider(
                FunctionTypeNamespaceMatcher.targetNamespace("dyn"), new NoopProvider()),
        b ->
            b.bindFunctionProvider(
                FunctionTypeNamespaceMatcher.targetNamespace("dyn"), new NoopProvider()),
        "dyn");
  }

  @Test
  void theSameRouterInstanceBoundTwiceIsADuplicate() {
    Router<String> router = new NoopRouter<>();
    assertDuplicateAcrossModules(
        b -> b.bindIngressRouter(IN, router), b -> b.bindIngressRouter(IN, router), "test/in");
  }

  @Test
  void aDuplicateWithinOneModuleIsRejectedToo() {
    assertThatThrownBy(
            () ->
                binder.configure(
                    new FirstModule(
                        b -> {
                          b.bindFunctionProvider(FN, new NoopProvider());
                          b.bindFunctionProvider(FN, new NoopProvider());
                        }),
                    Map.of()))
        .isInstanceOf(DuplicateBindingException.class)
        .hasMessageContaining("test/fn")
        .hasMessageContaining(FirstModule.class.getName());
  }

  @Test
  void severalDistinctRoutersOnOneIngressAreAllKeptInOrder() {
    NoopRouter<String> first = new NoopRouter<>();
    NoopRouter<String> second = new NoopRouter<>();
    binder.configure(
        new FirstModule(
            b -> {
              b.bindIngress(TestSpecs.ingress(IN));
              b.bindIngressRouter(IN, first);
            }),
        Map.of());
    binder.configure(new SecondModule(b -> b.bindIngressRouter(IN, second)), Map.of());

    assertThat(binder.build().routersOf(IN)).containsExactly(first, second);
  }

  @Test
  void aRouterForAnUnboundIngressIsRejectedNamingTheIngress() {
    IngressIdentifier<String> nowhere = new IngressIdentifier<>(String.class, "test", "nowhere");
    binder.configure(
        new FirstModule(b -> b.bindIngressRouter(nowhere, new NoopRouter<>())), Map.of());

    assertThatThrownBy(binder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test/nowhere")
        .hasMessageContaining(FirstModule.class.getName());
  }

  @Test
  void anIngressWithoutARouterIsRejectedNamingTheIngress() {
    binder.configure(new FirstModule(b -> b.bindIngress(TestSpecs.ingress(IN))), Map.of());

    assertThatThrownBy(binder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test/in");
  }

  @Test
  void aFunctionTypeNothingMessagesIsFine() {
    binder.configure(
        new FirstModule(b -> b.bindFunctionProvider(FN, new NoopProvider())), Map.of());

    StatefulFunctionsUniverse universe = binder.build();

    assertThat(universe.providerOf(FN)).isNotNull();
    assertThat(universe.ingresses()).isEmpty();
    assertThat(universe.describeFunctions()).contains("test/fn");
  }

  @Test
  void overrideIngressReplacesTheSpec() {
    TestIngress<String> original = new TestIngress<>(IN, "from the module");
    TestIngress<String> replacement = new TestIngress<>(IN, "from the harness");
    binder.configure(
        new FirstModule(
            b -> {
              b.bindIngress(original);
              b.bindIngressRouter(IN, new NoopRouter<>());
            }),
        Map.of());

    binder.overrideIngress(replacement);

    assertThat(binder.build().ingresses()).containsExactly(Map.entry(IN, replacement));
  }

  @Test
  void overrideEgressReplacesTheSpec() {
    TestSpecs.TestEgress<String> replacement = new TestSpecs.TestEgress<>(OUT, "collecting");
    binder.configure(new FirstModule(b -> b.bindEgress(TestSpecs.egress(OUT))), Map.of());

    binder.overrideEgress(replacement);

    assertThat(binder.build().egresses()).containsExactly(Map.entry(OUT, replacement));
  }

  @Test
  void aModuleThatThrowsInConfigureIsNamed() {
    assertThatThrownBy(() -> binder.configure(new FailingModule(), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(FailingModule.class.getName())
        .hasMessageContaining("boom in configure")
        .hasRootCauseMessage("boom in configure");
  }

  @Test
  void aNullBindingIsRejectedNamingTheModule() {
    assertThatThrownBy(
            () ->
                binder.configure(new FirstModule(b -> b.bindFunctionProvider(FN, null)), Map.of()))
        .hasMessageContaining(FirstModule.class.getName())
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test/fn");
  }

  @Test
  void theUniverseIsReadOnly() {
    binder.configure(new FirstModule(b -> b.bindEgress(TestSpecs.egress(OUT))), Map.of());
    StatefulFunctionsUniverse universe = binder.build();

    assertThatThrownBy(() -> universe.egresses().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
