package dev.converge.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v}, {@code -vv}, {@code -vvv} as ansible-playbook takes them. converge's default output
 * already names every change and failure; the levels are accepted (so scripts written for
 * ansible-playbook run) and reserved for per-host commands, facts and scripts.
 */
public final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "More detail, repeatable (-vvv); accepted as ansible-playbook's.")
    boolean[] verbose = new boolean[0];

    int level() {
        return verbose.length;
    }
}
