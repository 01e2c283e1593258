package dev.converge.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One thing the engine does to a host on apply. Operations are data: the engine turns them into
 * one quoted batch per host. Empty mode/owner/group means "keep what is there".
 */
public sealed interface Operation {

    /** Replaces a file atomically: temp file in the same directory, fsync, rename. */
    record WriteFile(String path, byte[] content, String mode, String owner, String group) implements Operation {
        public WriteFile {
            Paths.requireAbsolute(path);
            content = content.clone();
            mode = Objects.requireNonNullElse(mode, "");
            owner = Objects.requireNonNullElse(owner, "");
            group = Objects.requireNonNullElse(group, "");
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFile w && path.equals(w.path) && Arrays.equals(content, w.content)
                    && mode.equals(w.mode) && owner.equals(w.owner) && group.equals(w.group);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(content), mode, owner, group);
        }

        @Override
        public String toString() {
            return "WriteFile[" + path + ", " + content.length + " bytes, " + mode + " " + owner + ":" + group + "]";
        }
    }

    /** Creates a directory (and its parents) if missing. */
    record MakeDirectory(String path, String mode, String owner, String group) implements Operation {
        public MakeDirectory {
            Paths.requireAbsolute(path);
            mode = Objects.requireNonNullElse(mode, "");
            owner = Objects.requireNonNullElse(owner, "");
            group = Objects.requireNonNullElse(group, "");
        }
    }

    /** Sets mode, owner or group of an existing path. */
    record SetAttributes(String path, String mode, String owner, String group) implements Operation {
        public SetAttributes {
            Paths.requireAbsolute(path);
            mode = Objects.requireNonNullElse(mode, "");
            owner = Objects.requireNonNullElse(owner, "");
            group = Objects.requireNonNullElse(group, "");
        }
    }

    /** Removes a file, link or directory tree. */
    record RemovePath(String path) implements Operation {
        public RemovePath {
            Paths.requireAbsolute(path);
            if (path.equals("/")) {
                throw new IllegalArgumentException("refusing to remove /");
            }
        }
    }

    /**
     * Runs a program with arguments (never a shell string) and an optional standard input (for
     * secrets: never on a command line); non-zero exit fails the resource.
     */
    record RunCommand(List<String> argv, String input) implements Operation {
        public RunCommand {
            argv = List.copyOf(argv);
            input = input == null ? "" : input;
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program name");
            }
        }

        public RunCommand(List<String> argv) {
            this(argv, "");
        }

        @Override
        public String toString() {
            return "RunCommand[argv=" + argv + (input.isEmpty() ? "" : ", input=<" + input.length() + " chars>") + "]";
        }
    }
}
