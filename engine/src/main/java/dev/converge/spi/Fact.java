package dev.converge.spi;

import java.util.List;

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
     */
    record CommandRun(List<String> argv, String input) implements Fact {
        public CommandRun {
            argv = List.copyOf(argv);
            input = input == null ? "" : input;
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program name");
            }
        }

        public CommandRun(List<String> argv) {
            this(argv, "");
        }

        @Override
        public String toString() {
            return "CommandRun[argv=" + argv + (input.isEmpty() ? "" : ", input=<" + input.length() + " chars>") + "]";
        }
    }
}
