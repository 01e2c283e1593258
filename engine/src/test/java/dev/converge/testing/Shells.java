package dev.converge.testing;

import dev.converge.transport.ExecResult;
import dev.converge.transport.LocalTransport;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shells a host's {@code sh} may be, as far as they are installed here: dash (Debian),
 * bash invoked as {@code sh} (RHEL, Fedora, SUSE, Arch) and BusyBox ash with a {@code PATH} holding
 * only BusyBox applets (Alpine: no GNU tool at all). Each runs {@code sh -s} with a clean
 * environment whose {@code PATH} starts with a directory where {@code sh} is that shell, so the
 * commands the scripts start ({@code sh -c} included) are that userland's.
 *
 * <p>Script tests take one as a parameter: {@code @MethodSource("dev.converge.testing.Shells#installed")}.
 */
public final class Shells {
    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static Map<String, Shell> cache;

    private Shells() {}

    /** One userland: its name (for test names), and the PATH that selects it. */
    public record Shell(String name, String path) {
        /** {@code sh -s} in this userland, with the given extra environment ({@code NAME=value}). */
        public List<String> argv(String... env) {
            List<String> argv =
                    new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=" + path, "HOME=/root", "LC_ALL=C"));
            argv.addAll(List.of(env));
            argv.addAll(List.of("sh", "-s"));
            return argv;
        }

        public boolean busybox() {
            return name.equals("busybox");
        }

        /** Runs a script on standard input. */
        public ExecResult run(byte[] script, String... env) throws TransportException {
            return new LocalTransport().exec(argv(env), script, Duration.ofSeconds(120));
        }

        /** A local transport whose {@code sh -s} is this shell (for HostSession and module tests). */
        public Transport transport(String... env) {
            LocalTransport local = new LocalTransport();
            return new Transport() {
                @Override
                public ExecResult exec(List<String> argv, byte[] stdin, Duration timeout) throws TransportException {
                    List<String> wrapped = new ArrayList<>(argv(env));
                    wrapped.subList(wrapped.size() - 2, wrapped.size()).clear();
                    wrapped.addAll(argv);
                    return local.exec(wrapped, stdin, timeout);
                }

                @Override
                public void close() {
                    local.close();
                }
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The installed shells: always dash or the system sh; bash-as-sh and BusyBox when present. */
    public static synchronized List<Shell> installed() {
        if (cache == null) {
            cache = new LinkedHashMap<>();
            try {
                Path base = Files.createTempDirectory("converge-shells"); // 0755: tests also run it as nobody
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
                add(base, "dash", "/usr/bin/dash");
                add(base, "bash-as-sh", "/usr/bin/bash");
                busybox(base);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot prepare the test shells", e);
            }
            if (cache.isEmpty()) {
                cache.put("sh", new Shell("sh", SYSTEM_PATH));
            }
        }
        return List.copyOf(cache.values());
    }

    private static void add(Path base, String name, String binary) throws IOException {
        if (!Files.isExecutable(Path.of(binary))) {
            return;
        }
        Path dir = Files.createDirectories(base.resolve(name));
        Files.createSymbolicLink(dir.resolve("sh"), Path.of(binary));
        cache.put(name, new Shell(name, dir + ":" + SYSTEM_PATH));
    }

    private static void busybox(Path base) throws IOException, InterruptedException {
        Path busybox = Path.of("/usr/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            return;
        }
        Process list = new ProcessBuilder(busybox.toString(), "--list")
                .redirectErrorStream(true)
                .start();
        String applets = new String(list.getInputStream().readAllBytes());
        if (list.waitFor() != 0) {
            return;
        }
        Path dir = Files.createDirectories(base.resolve("busybox"));
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.contains("/")) {
                try {
                    Files.createSymbolicLink(dir.resolve(applet.strip()), busybox);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        cache.put("busybox", new Shell("busybox", dir.toString()));
    }
}
