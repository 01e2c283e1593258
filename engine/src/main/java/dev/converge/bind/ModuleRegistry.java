package dev.converge.bind;

import dev.converge.spi.Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The modules found on the class path through {@link ServiceLoader}, by name. */
public final class ModuleRegistry {
    private final Map<String, Module<?>> modules = new TreeMap<>();

    public ModuleRegistry(Collection<? extends Module<?>> found) {
        for (Module<?> module : found) {
            Module<?> previous = modules.putIfAbsent(module.name(), module);
            if (previous != null) {
                throw new IllegalStateException("two modules are named '" + module.name() + "': "
                        + previous.getClass().getName() + " and "
                        + module.getClass().getName());
            }
        }
    }

    /** Every module registered in {@code META-INF/services/dev.converge.spi.Module}. */
    @SuppressWarnings("rawtypes")
    public static ModuleRegistry discover() {
        List<Module<?>> found = new ArrayList<>();
        for (Module module : ServiceLoader.load(Module.class)) {
            found.add(module);
        }
        return new ModuleRegistry(found);
    }

    public Optional<Module<?>> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Set<String> names() {
        return modules.keySet();
    }

    public Collection<Module<?>> all() {
        return modules.values();
    }
}
