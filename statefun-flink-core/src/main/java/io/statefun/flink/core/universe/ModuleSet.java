package io.statefun.flink.core.universe;

import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.flink.util.InstantiationUtil;

/**
 * Which modules make up a job: those the {@link ServiceLoader} finds (optionally) plus modules
 * passed programmatically, and the global configuration handed to each. Serializable, so a task
 * manager can rebuild the same {@link StatefulFunctionsUniverse} when it has none cached.
 */
public final class ModuleSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean discoverWithServiceLoader;
  private final List<StatefulFunctionModule> programmaticModules;
  private final Map<String, String> globalConfig;

  private ModuleSet(
      boolean discoverWithServiceLoader,
      List<StatefulFunctionModule> programmaticModules,
      Map<String, String> globalConfig) {
    this.discoverWithServiceLoader = discoverWithServiceLoader;
    this.programmaticModules = programmaticModules;
    this.globalConfig = globalConfig;
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
    return new ModuleSet(discoverWithServiceLoader, modules, new TreeMap<>(globalConfig));
  }

  /** Configures every module, in a stable order, and validates the bindings. */
  public UniverseBinder configure(ClassLoader classLoader) {
    UniverseBinder binder = new UniverseBinder();
    for (StatefulFunctionModule module : modules(classLoader)) {
      binder.configure(module, java.util.Collections.unmodifiableMap(globalConfig));
    }
    return binder;
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
