package dev.converge.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v}, {@code -vv}, {@code -vvv} as ansible-playbook takes them: the terminal shows, per host,
 * the facts read and the operations sent (-v), the time of each round trip (-vv) and the generated
 * scripts with their payloads left out (-vvv); secrets masked as everywhere. The engine emits the
 * detail as events; the terminal reporter filters it by level.
 */
public final class Verbosity {
    @Option(
            names = {"-v", "--verbose"},
            description =
                    "More detail per host: -v facts read and operations sent, -vv round-trip timings, -vvv the scripts (masked).")
    boolean[] verbose = new boolean[0];

    int level() {
        return verbose.length;
    }
}
