package dev.converge.spi;

/** What a read-only command printed, and how it exited. Non-zero exit is data, not an error. */
public record CommandOutput(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
