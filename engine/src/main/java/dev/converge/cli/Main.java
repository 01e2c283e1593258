package dev.converge.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar converge.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        dev.converge.diag.Trace.mark("main");
        int code = run(args);
        dev.converge.diag.Trace.mark("exit " + code);
        dev.converge.diag.Trace.dump();
        System.exit(code);
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
