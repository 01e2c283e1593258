package dev.converge.cli;

/** converge's exit codes (printed by --help). */
public final class ExitCode {
    /** Success: nothing failed (and, with --detailed-exitcode, nothing changed). */
    public static final int OK = 0;
    /** A resource failed or a host was unreachable. */
    public static final int FAILED = 1;
    /** Only with --detailed-exitcode: success, and there were changes (applied, or pending under --check). */
    public static final int CHANGES = 2;
    /** Invalid input (usage, playbook, inventory, template): nothing was touched. */
    public static final int INVALID_INPUT = 3;
    /** Internal error: a bug in converge or a module; please report it. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}
