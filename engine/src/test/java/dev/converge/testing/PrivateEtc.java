package dev.converge.testing;

import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rootless-in-effect harness for the modules that edit the accounts database (user, group): every
 * script runs in a new mount namespace (util-linux {@code unshare -m}, as the lab's hosts do) with a
 * copy of this machine's {@code /etc} bound over {@code /etc}, so {@code useradd} and {@code getent}
 * see and change the copy; the machine's {@code /etc} is never touched. Needs root (to unshare).
 */
public final class PrivateEtc {
    private static final String BIND = "mount --bind \"$1\" /etc && shift && exec \"$@\"";

    private PrivateEtc() {}

    /** Whether this machine can give a script a private mount namespace. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "--propagation", "private", "/bin/true").start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies this machine's {@code /etc} to {@code etc} (a fresh directory). */
    public static void copyEtc(Path etc) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cp", "-a", "/etc/.", etc.toString())
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("cannot copy /etc to " + etc);
        }
    }

    /** {@code shell}'s transport, each script in a new mount namespace with {@code etc} as {@code /etc}. */
    public static Transport transport(Shells.Shell shell, Path etc) {
        Transport inner = shell.transport();
        return new Transport() {
            @Override
            public ExecResult exec(List<String> argv, byte[] stdin, Duration timeout) throws TransportException {
                List<String> wrapped = new ArrayList<>(List.of(
                        "/usr/bin/unshare",
                        "-m",
                        "--propagation",
                        "private",
                        "/bin/sh",
                        "-c",
                        BIND,
                        "converge-etc",
                        etc.toString()));
                wrapped.addAll(argv);
                return inner.exec(wrapped, stdin, timeout);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
