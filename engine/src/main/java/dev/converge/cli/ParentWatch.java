package dev.converge.cli;

import java.util.Optional;

/**
 * A CLI started by converge.jar's launcher ({@code dev.converge.launcher.Launcher}) stops when the
 * launcher dies (SIGKILL, a crash): nothing is left applying unsupervised. It polls its parent's pid
 * (a dead parent's children are re-parented at once, even while it is a zombie nobody reaped) and,
 * when it changed, exits as on SIGTERM: the shutdown hook starts no new batch, lets the ones in
 * flight finish (files old or new, never half) and prints the recap; exit code 143.
 */
public final class ParentWatch {
    /** The launcher's pid, given to the CLI it starts. */
    public static final String PROPERTY = "converge.launcher.pid";

    /** 128 + SIGTERM: the exit code of a JVM that SIGTERM ended. */
    static final int TERMINATED = 143;

    private static final long POLL_MILLIS = 200;

    private ParentWatch() {}

    /** Starts watching when a launcher started this JVM ({@link #PROPERTY} set); else does nothing. */
    static void start() {
        String pid = System.getProperty(PROPERTY);
        if (pid == null) {
            return;
        }
        long launcher;
        try {
            launcher = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return;
        }
        Thread watch = new Thread(() -> watch(launcher), "converge-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void watch(long launcher) {
        while (parentIs(launcher)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.exit(TERMINATED);
    }

    static boolean parentIs(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == pid;
    }
}
