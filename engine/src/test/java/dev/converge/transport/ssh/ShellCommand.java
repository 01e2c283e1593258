package dev.converge.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Test server command: runs {@code /bin/sh -c command} like sshd does, with stdin, stdout, stderr and
 * exit status. A "signal" request stops the process (as OpenSSH does for non-root sessions).
 */
final class ShellCommand implements Command {
    private final String command;
    private final Map<String, String> environment;
    private final AtomicInteger started;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    ShellCommand(String command, Map<String, String> environment, AtomicInteger started) {
        this.command = command;
        this.environment = environment;
        this.started = started;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        started.incrementAndGet();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        builder.environment().putAll(environment);
        process = builder.start();
        env.addSignalListener((ch, signal) -> destroy(channel));
        Thread stdin = pump(in, process.getOutputStream(), "stdin");
        Thread stdout = pump(process.getInputStream(), out, "stdout");
        Thread stderr = pump(process.getErrorStream(), err, "stderr");
        Thread waiter = new Thread(
                () -> {
                    try {
                        int code = process.waitFor();
                        stdout.join();
                        stderr.join();
                        stdin.interrupt();
                        exit.onExit(code);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "test-sshd-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[32768];
                    try (to) {
                        for (int n; (n = from.read(buffer)) >= 0; ) {
                            to.write(buffer, 0, n);
                            to.flush();
                        }
                    } catch (IOException e) {
                        // the other side went away
                    }
                },
                "test-sshd-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
