package dev.converge.exec;

/**
 * What happened to one step of a batch on the host.
 *
 * @param exitCode the step's exit code; -1 when it was skipped because a step it needs failed
 * @param timedOut the script stopped it at its step timeout
 */
record StepResult(int exitCode, String stdout, String stderr, boolean timedOut) {
    StepResult(int exitCode, String stdout, String stderr) {
        this(exitCode, stdout, stderr, false);
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    boolean skipped() {
        return exitCode == -1;
    }
}
