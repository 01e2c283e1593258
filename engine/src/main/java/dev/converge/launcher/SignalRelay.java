package dev.converge.launcher;

/**
 * The launcher's signals while its child runs, once the child has started.
 *
 * <ul>
 *   <li>SIGINT from a terminal reaches both processes (one process group): the launcher ignores it
 *       and waits, so the child's own interrupted exit (130) comes out. It is set to ignored only
 *       now: the child started with the disposition the launcher had (an ignored signal stays ignored
 *       across exec, and a JVM that starts with SIGINT ignored never handles Ctrl-C).
 *   <li>SIGTERM and SIGHUP, sent to the launcher alone, start the JVM's shutdown as usual; its hook
 *       passes them on as SIGTERM ({@link Process#destroy()}), waits for the child and ends the
 *       launcher with the child's exit code (143).
 * </ul>
 *
 * Ignoring SIGINT needs {@code sun.misc.Signal} (jdk.unsupported; no supported API ignores a
 * signal). It is reached by reflection, so that the build's {@code -Werror} does not meet javac's
 * "internal proprietary API" warning, which no {@code @SuppressWarnings} silences. Without it
 * (another JVM), SIGINT runs the hook too: the child still stops, with 130 or 143.
 */
final class SignalRelay extends Thread {
    private final Process child;
    private final ClassDataArchive.Use archive;

    private SignalRelay(Process child, ClassDataArchive.Use archive) {
        super("converge-launcher-relay");
        this.child = child;
        this.archive = archive;
    }

    /** Relays signals to {@code child}; {@code archive} is committed whichever way the launcher ends. */
    static SignalRelay install(Process child, ClassDataArchive.Use archive) {
        SignalRelay relay = new SignalRelay(child, archive);
        Runtime.getRuntime().addShutdownHook(relay);
        ignoreInterrupt();
        return relay;
    }

    private static void ignoreInterrupt() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object ignore = handler.getField("SIG_IGN").get(null);
            Object interrupt = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handler).invoke(null, interrupt, ignore);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal here, or SIGINT reserved (-Xrs): SIGINT runs the shutdown hook
        }
    }

    /** The shutdown hook (SIGTERM, SIGHUP): the child is stopped the same way, and its code is the launcher's. */
    @Override
    public void run() {
        child.destroy();
        exit(awaitExit());
    }

    /** Waits for the child, commits the archive and ends the launcher with the child's exit code (no shutdown hooks). */
    void exitWithChild() {
        exit(awaitExit());
    }

    private void exit(int code) {
        archive.commit();
        Runtime.getRuntime().halt(code);
    }

    /** The child's exit code (128 + the signal's number when a signal ended it). */
    private int awaitExit() {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting for the child: its exit code is the launcher's
            }
        }
    }
}
