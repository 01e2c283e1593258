package dev.converge.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar converge.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(Main::onSignal, "converge-interrupt"));
        System.exit(run(args));
    }

    /**
     * Ctrl-C / SIGTERM: the run starts no new batch, lets the batches in flight finish (a batch
     * already on a host finishes there anyway) and prints its recap before the JVM exits.
     * Also runs on a normal exit, where there is no run in progress and it returns at once.
     */
    private static void onSignal() {
        if (!dev.converge.run.Interruption.active()) {
            return;
        }
        System.err.println("converge: interrupted; letting the steps in flight finish, starting nothing new...");
        if (!dev.converge.run.Interruption.requestAndAwait()) {
            System.err.println("converge: gave up waiting for the steps in flight; batches already on a host finish there on their own.");
        }
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ConvergeCommand());
        cli.setExpandAtFiles(false); // -e @vars.yml is Ansible's syntax, not a picocli argument file
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("converge: internal error (a bug): " + e);
            e.printStackTrace(cmd.getErr());
            cmd.getErr().println("Please report it with the command line and the output above.");
            return ExitCode.INTERNAL;
        });
        return cli.execute(args);
    }
}
