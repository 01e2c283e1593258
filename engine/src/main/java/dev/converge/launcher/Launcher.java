package dev.converge.launcher;

import dev.converge.cli.Main;
import dev.converge.cli.ParentWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Main-Class of converge.jar. A jar cannot choose its JVM's options, and the default ones (C2,
 * G1, every class loaded and verified from the jar) more than double the CPU of a short run (issue
 * 17). So, unless told not to, this starts the same JVM again with {@code bin/converge}'s options
 * (C1 only, the serial GC) and a per-user class-data archive ({@link ClassDataArchive}), on this
 * jar, with the real main class and the arguments unchanged; standard input, output and error are
 * inherited, signals relayed ({@link SignalRelay}), and the child's exit code is this process's.
 *
 * <p>It runs the CLI in this JVM instead ("direct") when {@code -Dconverge.launcher=direct} is given
 * ({@code bin/converge} and the child itself pass it), when {@code JAVA_TOOL_OPTIONS},
 * {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS} choose JVM options (they would apply to both
 * JVMs and be announced twice), and when no child can be started.
 *
 * <p>Cheap by construction: before the child starts this loads only JDK classes and the few classes
 * of this package; no lambda and no {@code +} on strings (each would bootstrap {@code
 * java.lang.invoke} machinery for this class); picocli, Guava, logging and the engine stay unloaded.
 */
public final class Launcher {
    /** The system property that chooses the mode; {@value #DIRECT} runs the CLI in this JVM. */
    public static final String MODE_PROPERTY = "converge.launcher";

    public static final String DIRECT = "direct";

    /** The JVM options of a short run (the same as bin/converge's). */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The CLI's main class, by name: loading it here would cost what this class saves. */
    static final String MAIN_CLASS = "dev.converge.cli.Main";

    private static final String[] OPTION_VARIABLES = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"};

    private Launcher() {}

    public static void main(String[] args) {
        Path java = childJava();
        if (java == null) {
            Main.main(args);
            return;
        }
        String classPath = System.getProperty("java.class.path", "");
        ClassDataArchive cache = ClassDataArchive.forRun(classPath);
        ClassDataArchive.Use archive = cache == null ? ClassDataArchive.Use.NONE : cache.use();
        List<String> command = command(java, archive.jvmOptions(), classPath, args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            Main.main(args);
            return;
        }
        // a signal before this line ends the launcher the JVM's way; the child sees its parent gone (ParentWatch)
        SignalRelay.install(child, archive).exitWithChild();
    }

    /** The java executable of this JVM, or null to run direct. */
    private static Path childJava() {
        if (DIRECT.equals(System.getProperty(MODE_PROPERTY))) {
            return null;
        }
        for (String variable : OPTION_VARIABLES) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return null;
            }
        }
        String home = System.getProperty("java.home");
        if (home == null) {
            return null;
        }
        String os = System.getProperty("os.name", "");
        Path java = Path.of(home, "bin", os.startsWith("Windows") ? "java.exe" : "java");
        return Files.isExecutable(java) ? java : null;
    }

    /** The child's argv: this JVM's java, the options, this class path, the real main class, {@code args}. */
    static List<String> command(Path java, List<String> archiveOptions, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(archiveOptions);
        command.add(property(MODE_PROPERTY, DIRECT));
        command.add(property(
                ParentWatch.PROPERTY, Long.toString(ProcessHandle.current().pid())));
        // the user's -Dconverge.* settings (e.g. converge.trace) reach the CLI as in a direct run
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("converge.") && !name.equals(MODE_PROPERTY) && !name.equals(ParentWatch.PROPERTY)) {
                command.add(property(name, System.getProperty(name)));
            }
        }
        if (Boolean.getBoolean("converge.trace") && System.getProperty("converge.t0") == null) {
            // the trace counts from this JVM's start, as bin/converge's counts from its own
            command.add(property("converge.t0", Long.toString(startMillis())));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        for (String arg : args) {
            command.add(arg);
        }
        return command;
    }

    private static long startMillis() {
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        return start.isPresent() ? start.get().toEpochMilli() : System.currentTimeMillis();
    }

    private static String property(String name, String value) {
        return new StringBuilder("-D").append(name).append('=').append(value).toString();
    }
}
