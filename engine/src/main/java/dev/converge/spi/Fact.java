package dev.converge.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A read-only question about a host. The engine gathers all of a host's facts in one round trip. */
public sealed interface Fact permits Fact.FileRead, Fact.CommandRun {

    /**
     * The type, mode, owner, group and (for a regular file) the content of a path. A symlink at
     * the path is read through only when it is safe to follow (its own owner's file, in a
     * directory only root or the running user can write), or when {@code follow} is true; else
     * the fact is an error and the resources that read it fail.
     */
    record FileRead(String path, boolean follow) implements Fact {
        public FileRead {
            Paths.requireAbsolute(path);
        }

        public FileRead(String path) {
            this(path, false);
        }
    }

    /**
     * The exit code and output of a read-only command, given as an argument list (the engine
     * quotes it), with an optional standard input (for secrets: never on a command line). The
     * command must not change the host: it also runs during {@code --check}.
     *
     * <p>{@code when} dispatches on a host fact in the same gather (see {@link When}): a module
     * declares one variant per init system or package manager, the gather runs only the one whose
     * condition the host meets, and {@link Module#plan} picks it with {@link PlanContext#hostFacts()}.
     * A variant the host did not run reads as unreadable (the resource fails, saying why).
     */
    record CommandRun(List<String> argv, String input, When when) implements Fact {
        public CommandRun {
            argv = List.copyOf(argv);
            input = input == null ? "" : input;
            when = when == null ? When.ALWAYS : when;
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program name");
            }
        }

        public CommandRun(List<String> argv, String input) {
            this(argv, input, When.ALWAYS);
        }

        public CommandRun(List<String> argv) {
            this(argv, "", When.ALWAYS);
        }

        /** This command, run only on hosts whose host fact {@code name} is one of {@code values}. */
        public CommandRun onlyWhere(String name, String... values) {
            return new CommandRun(argv, input, new When(name, Set.of(values)));
        }

        @Override
        public String toString() {
            return "CommandRun[argv=" + argv + (input.isEmpty() ? "" : ", input=<" + input.length() + " chars>")
                    + (when.always() ? "" : ", when " + when) + "]";
        }
    }

    /**
     * A condition on one host fact ({@link PlanContext#hostFacts()}, e.g. {@code init} or
     * {@code pkg_manager}), checked by the gather script itself: the host facts are read first in
     * the same script, so a dispatch costs no round trip. {@link #ALWAYS} has no condition.
     */
    record When(String hostFact, Set<String> values) {
        public static final When ALWAYS = new When("", Set.of());

        public When {
            values = Set.copyOf(values);
            if (!hostFact.matches("[a-z_]*") || hostFact.isEmpty() != values.isEmpty()) {
                throw new IllegalArgumentException(
                        "a host fact name and at least one value, or neither: " + hostFact + " " + values);
            }
        }

        public boolean always() {
            return hostFact.isEmpty();
        }

        /** Whether a host whose facts are {@code hostFacts} runs the command. */
        public boolean holdsFor(Map<String, String> hostFacts) {
            return always() || values.contains(hostFacts.getOrDefault(hostFact, ""));
        }

        @Override
        public String toString() {
            return always() ? "always" : hostFact + " in " + new TreeSet<>(values);
        }
    }
}
