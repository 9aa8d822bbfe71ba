package io.statefun.flink.core.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.universe.TestModules.FirstModule;
import io.statefun.flink.core.universe.TestModules.NotSerializableModule;
import io.statefun.flink.core.universe.TestModules.SecondModule;
import io.statefun.flink.core.universe.TestSpecs.NoopProvider;
import io.statefun.flink.core.universe.TestSpecs.NoopRouter;
import io.statefun.flink.core.universe.TestSpecs.TestEgress;
import io.statefun.flink.core.universe.TestSpecs.TestIngress;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ModuleSetTest {
  private static final ClassLoader LOADER = ModuleSetTest.class.getClassLoader();
  private static final FunctionType FN = new FunctionType("prog", "fn");

  @Test
  void aNonSerializableProgrammaticModuleIsRejectedNamingItsClass() {
    assertThatThrownBy(() -> ModuleSet.of(false, List.of(new NotSerializableModule()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializableModule.class.getName());
  }

  @Test
  void configuresProgrammaticModules() {
    ModuleSet modules =
        ModuleSet.of(
            false,
            List.of(new FirstModule(b -> b.bindFunctionProvider(FN, new NoopProvider()))),
            Map.of());

    StatefulFunctionsUniverse universe = modules.universe(LOADER);

    assertThat(universe.providerOf(FN)).isInstanceOf(NoopProvider.class);
    assertThat(universe.providerOf(ServiceLoadedTestModule.functionType("fn")))
        .as("the service loader is not asked")
        .isNull();
  }

  @Test
  void globalConfigIsPassedToConfigureAndIsUnmodifiable() {
    FirstModule first = new FirstModule(b -> {});
    SecondModule second = new SecondModule(b -> {});
    Map<String, String> config = new HashMap<>();
    config.put("a.b", "c");
    ModuleSet modules = ModuleSet.of(false, List.of(first, second), config);
    config.put("added.later", "x");

    modules.universe(LOADER);

    assertThat(first.receivedConfig).containsExactly(Map.entry("a.b", "c"));
    assertThat(second.receivedConfig).containsExactly(Map.entry("a.b", "c"));
    assertThatThrownBy(() -> first.receivedConfig.put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.receivedConfig.remove("a.b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void duplicatesAcrossProgrammaticModulesNameBoth() {
    ModuleSet modules =
        ModuleSet.of(
            false,
            List.of(
                new FirstModule(b -> b.bindFunctionProvider(FN, new NoopProvider())),
                new SecondModule(b -> b.bindFunctionProvider(FN, new NoopProvider()))),
            Map.of());

    assertThatThrownBy(() -> modules.universe(LOADER))
        .isInstanceOf(DuplicateBindingException.class)
        .hasMessageContaining("prog/fn")
        .hasMessageContaining(FirstModule.class.getName())
        .hasMessageContaining(SecondModule.class.getName());
  }

  @Test
  void discoversModulesWithTheServiceLoader() {
    StatefulFunctionsUniverse universe = ModuleSet.of(true, List.of(), Map.of()).universe(LOADER);

    assertThat(universe.ingresses()).containsKey(ServiceLoadedTestModule.INGRESS);
    assertThat(universe.ingresses().get(ServiceLoadedTestModule.INGRESS))
        .isInstanceOf(TestSpecs.TestIngress.class);
    assertThat(universe.routersOf(ServiceLoadedTestModule.INGRESS)).hasSize(1);
    assertThat(universe.egresses()).containsKey(ServiceLoadedTestModule.EGRESS);
    assertThat(universe.providerOf(ServiceLoadedTestModule.functionType("fn")))
        .isInstanceOf(NoopProvider.class);
  }

  @Test
  void discoveredModulesGetTheGlobalConfigToo() {
    StatefulFunctionsUniverse universe =
        ModuleSet.of(
                true, List.of(), Map.of(ServiceLoadedTestModule.FUNCTION_NAME_KEY, "configured"))
            .universe(LOADER);

    assertThat(universe.providerOf(ServiceLoadedTestModule.functionType("configured"))).isNotNull();
    assertThat(universe.providerOf(ServiceLoadedTestModule.functionType("fn"))).isNull();
  }

  @Test
  void discoveredAndProgrammaticModulesAreCombined() {
    StatefulFunctionsUniverse universe =
        ModuleSet.of(
                true,
                List.of(new FirstModule(b -> b.bindFunctionProvider(FN, new NoopProvider()))),
                Map.of())
            .universe(LOADER);

    assertThat(universe.providerOf(FN)).isNotNull();
    assertThat(universe.providerOf(ServiceLoadedTestModule.functionType("fn"))).isNotNull();
  }

  @Test
  void aProgrammaticModuleClashingWithADiscoveredOneNamesBoth() {
    ModuleSet modules =
        ModuleSet.of(
            true,
            List.of(
                new FirstModule(
                    b ->
                        b.bindFunctionProvider(
                            ServiceLoadedTestModule.functionType("fn"), new NoopProvider()))),
            Map.of());

    assertThatThrownBy(() -> modules.universe(LOADER))
        .isInstanceOf(DuplicateBindingException.class)
        .hasMessageContaining("svc-test/fn")
        .hasMessageContaining(ServiceLoadedTestModule.class.getName())
        .hasMessageContaining(FirstModule.class.getName());
  }

  @Test
  void aModuleSetSurvivesJavaSerialization() throws Exception {
    ModuleSet modules =
        ModuleSet.of(
            false,
            List.of(new FirstModule(b -> b.bindFunctionProvider(FN, new NoopProvider()))),
            Map.of("k", "v"));

    ModuleSet copy = InstantiationUtil.clone(modules, LOADER);

    assertThat(copy.universe(LOADER).providerOf(FN)).isInstanceOf(NoopProvider.class);
  }

  @Test
  void overridesReplaceTheModulesSpecsAfterTheyConfiguredAndTravelWithTheSet() throws Exception {
    IngressIdentifier<String> in = new IngressIdentifier<>(String.class, "prog", "in");
    EgressIdentifier<String> out = new EgressIdentifier<>("prog", "out", String.class);
    ModuleSet modules =
        ModuleSet.of(
                false,
                List.of(
                    new FirstModule(
                        b -> {
                          b.bindIngress(new TestIngress<>(in, "module"));
                          b.bindIngressRouter(in, new NoopRouter<>());
                          b.bindEgress(new TestEgress<>(out, "module"));
                        })),
                Map.of())
            .withOverride(binder -> binder.overrideIngress(new TestIngress<>(in, "override")))
            .withOverride(binder -> binder.overrideEgress(new TestEgress<>(out, "override")));

    for (ModuleSet set : List.of(modules, InstantiationUtil.clone(modules, LOADER))) {
      StatefulFunctionsUniverse universe = set.universe(LOADER);
      assertThat(((TestIngress<?>) universe.ingresses().get(in)).label()).isEqualTo("override");
      assertThat(((TestEgress<?>) universe.egresses().get(out)).label()).isEqualTo("override");
      assertThat(universe.routersOf(in)).hasSize(1);
    }
  }

  @Test
  void aNonSerializableOverrideIsRejectedNamingItsClass() {
    Object notSerializable = new Object();
    ModuleSet modules = ModuleSet.of(false, List.of(), Map.of());
    BindingOverride override = binder -> notSerializable.hashCode();

    assertThatThrownBy(() -> modules.withOverride(override))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(override.getClass().getName());
  }
}
