package dev.converge.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local files a run reads its input from (playbook, inventory, vars files, templates, file
 * lookups), recorded by the loaders while a {@link Recording} is open, so a saved plan can say
 * what it was made from. Like {@code Vault.current()}: one run per process.
 */
public final class InputFiles {
    private static volatile Recording current;

    private InputFiles() {}

    /** Called by every loader that reads a local input file. */
    public static void read(Path file) {
        Recording r = current;
        if (r != null) {
            r.files.add(file.toAbsolutePath().normalize());
        }
    }

    /** Starts recording; {@link Recording#close} stops it. */
    public static Recording record() {
        Recording r = new Recording();
        current = r;
        return r;
    }

    /** The files read while it was open. */
    public static final class Recording implements AutoCloseable {
        private final Set<Path> files = ConcurrentHashMap.newKeySet();

        public List<Path> files() {
            return files.stream().sorted().toList();
        }

        @Override
        public void close() {
            if (current == this) {
                current = null;
            }
        }
    }
}
