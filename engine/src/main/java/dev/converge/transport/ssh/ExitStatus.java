package dev.converge.transport.ssh;

import java.util.Map;

/**
 * Turns an SSH exit status or exit signal into a shell-style exit code. A command killed by a
 * signal reports {@code 128 + n}, as a POSIX shell does ({@code TERM} gives 143).
 */
final class ExitStatus {
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1),
            Map.entry("INT", 2),
            Map.entry("QUIT", 3),
            Map.entry("ILL", 4),
            Map.entry("TRAP", 5),
            Map.entry("ABRT", 6),
            Map.entry("BUS", 7),
            Map.entry("FPE", 8),
            Map.entry("KILL", 9),
            Map.entry("USR1", 10),
            Map.entry("SEGV", 11),
            Map.entry("USR2", 12),
            Map.entry("PIPE", 13),
            Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    /** Exit code for an unknown signal name. */
    static final int UNKNOWN_SIGNAL = 128 + 64;

    private ExitStatus() {}

    /** 128 + the signal number; signal names may carry an {@code SIG} prefix. */
    static int ofSignal(String signal) {
        String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
        Integer number = SIGNALS.get(name);
        return number == null ? UNKNOWN_SIGNAL : 128 + number;
    }
}
