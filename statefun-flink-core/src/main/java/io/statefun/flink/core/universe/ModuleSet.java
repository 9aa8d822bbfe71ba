package io.statefun.flink.core.universe;

import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.util.InstantiationUtil;

/**
 * Which modules make up a job: those the {@link ServiceLoader} finds (optionally) plus modules
 * passed programmatically, the global configuration handed to each, and overrides applied after
 * them. Serializable: the client and every task build their {@link StatefulFunctionsUniverse} from
 * the same set, the one way {@link #universe} builds it.
 */
@Internal
public final class ModuleSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean discoverWithServiceLoader;
  private final List<StatefulFunctionModule> programmaticModules;
  private final Map<String, String> globalConfig;
  private final List<BindingOverride> overrides;

  private ModuleSet(
      boolean discoverWithServiceLoader,
      List<StatefulFunctionModule> programmaticModules,
      Map<String, String> globalConfig,
      List<BindingOverride> overrides) {
    this.discoverWithServiceLoader = discoverWithServiceLoader;
    this.programmaticModules = programmaticModules;
    this.globalConfig = globalConfig;
    this.overrides = overrides;
  }

  /**
   * @throws IllegalArgumentException naming the module class if a programmatic module is not
   *     serializable
   */
  public static ModuleSet of(
      boolean discoverWithServiceLoader,
      List<? extends StatefulFunctionModule> programmaticModules,
      Map<String, String> globalConfig) {
    List<StatefulFunctionModule> modules = new ArrayList<>();
    for (StatefulFunctionModule module : programmaticModules) {
      if (!InstantiationUtil.isSerializable(module)) {
        throw new IllegalArgumentException(
            "module "
                + module.getClass().getName()
                + " is passed programmatically, so it must be java.io.Serializable to reach the"
                + " task managers (or list it in META-INF/services instead)");
      }
      modules.add(module);
    }
    return new ModuleSet(
        discoverWithServiceLoader, modules, new TreeMap<>(globalConfig), List.of());
  }

  /**
   * This set with {@code override} applied after the modules (and after earlier overrides).
   *
   * @throws IllegalArgumentException naming the override's class if it is not serializable
   */
  public ModuleSet withOverride(BindingOverride override) {
    if (!InstantiationUtil.isSerializable(override)) {
      throw new IllegalArgumentException(
          "binding override "
              + override.getClass().getName()
              + " must be serializable (with everything it captures) to reach the tasks");
    }
    List<BindingOverride> all = new ArrayList<>(overrides);
    all.add(override);
    return new ModuleSet(
        discoverWithServiceLoader, programmaticModules, globalConfig, List.copyOf(all));
  }

  /**
   * Configures every module in a stable order, applies the overrides and validates the result.
   *
   * @param classLoader finds the service-loaded modules: the user code class loader in a task
   */
  public StatefulFunctionsUniverse universe(ClassLoader classLoader) {
    UniverseBinder binder = new UniverseBinder();
    for (StatefulFunctionModule module : modules(classLoader)) {
      binder.configure(module, Collections.unmodifiableMap(globalConfig));
    }
    for (BindingOverride override : overrides) {
      override.apply(binder);
    }
    return binder.build();
  }

  private List<StatefulFunctionModule> modules(ClassLoader classLoader) {
    List<StatefulFunctionModule> all = new ArrayList<>();
    if (discoverWithServiceLoader) {
      List<StatefulFunctionModule> found = new ArrayList<>();
      ServiceLoader.load(StatefulFunctionModule.class, classLoader).forEach(found::add);
      found.sort((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()));
      all.addAll(found);
    }
    all.addAll(programmaticModules);
    return all;
  }
}
