package dev.converge.cli;

import dev.converge.diag.Trace;
import dev.converge.run.Interruption;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The CLI's entry point. {@code java -jar converge.jar} starts {@code dev.converge.launcher.Launcher},
 * which runs this in a JVM with start-up options of its own (or here, with {@code
 * -Dconverge.launcher=direct}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(Main::onSignal, "converge-interrupt"));
        ParentWatch.start();
        Trace.mark("main");
        int code = run(args);
        Trace.mark("exit " + code);
        Trace.dump();
        System.exit(code);
    }

    /**
     * Ctrl-C / SIGTERM (or the launcher's death, {@link ParentWatch}): the run starts no new batch, lets the batches in flight finish (a batch
     * already on a host finishes there anyway) and prints its recap before the JVM exits.
     * Also runs on a normal exit, where there is no run in progress and it returns at once.
     */
    private static void onSignal() {
        if (!Interruption.active()) {
            return;
        }
        System.err.println("converge: interrupted; letting the steps in flight finish, starting nothing new...");
        if (!Interruption.requestAndAwait()) {
            System.err.println(
                    "converge: gave up waiting for the steps in flight; batches already on a host finish there on their own.");
        }
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        return execute(new ConvergeCommand(), args);
    }

    /** Runs the CLI with its output captured (for tests); output is never treated as a terminal. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        ConvergeCommand command = new ConvergeCommand();
        command.out = out;
        command.err = err;
        command.terminal = false;
        CommandLine cli = commandLine(command);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    private static int execute(ConvergeCommand command, String... args) {
        return commandLine(command).execute(args);
    }

    private static CommandLine commandLine(ConvergeCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setExpandAtFiles(false); // -e @vars.yml is Ansible's syntax, not a picocli argument file
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --annotations github
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("converge: internal error (a bug): " + e);
            e.printStackTrace(cmd.getErr());
            cmd.getErr().println("Please report it with the command line and the output above.");
            return ExitCode.INTERNAL;
        });
        return cli;
    }
}
