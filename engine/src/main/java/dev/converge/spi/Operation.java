package dev.converge.spi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One thing the engine does to a host on apply. Operations are data: the engine turns them into
 * one quoted batch per host. Empty mode/owner/group means "keep what is there".
 */
public sealed interface Operation {

    /**
     * Replaces a file atomically: a private temp file in the same directory, created with the final
     * mode, owner set, xattrs/ACLs/SELinux label of the old file copied, fsync, rename.
     *
     * @param readAs what the write was planned from: {@link FileDigest#of} the content the module
     *     saw, {@link FileDigest#ABSENT}, or {@link FileDigest#OTHER}; the host refuses the write,
     *     changing nothing, when the file holds something else (compare-and-swap)
     * @param follow write the target of a symlink at the path even when it is owned by another
     *     user or lies in a directory others can write (Ansible's {@code follow: true}); a followed
     *     target's owner is never changed
     * @param backup keep the old content beside it as {@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}
     */
    record WriteFile(
            String path,
            byte[] content,
            String mode,
            String owner,
            String group,
            String readAs,
            boolean follow,
            boolean backup)
            implements Operation {
        public WriteFile {
            Paths.requireAbsolute(path);
            content = content.clone();
            mode = Objects.requireNonNullElse(mode, "");
            owner = Objects.requireNonNullElse(owner, "");
            group = Objects.requireNonNullElse(group, "");
            FileDigest.requireValid(readAs);
        }

        /** A write of {@code current}'s path planned from {@code current} (no follow, no backup). */
        public static WriteFile replacing(FileInfo current, byte[] content, String mode, String owner, String group) {
            return new WriteFile(current.path(), content, mode, owner, group, FileDigest.of(current), false, false);
        }

        public WriteFile withFollow(boolean follow) {
            return new WriteFile(path, content, mode, owner, group, readAs, follow, backup);
        }

        public WriteFile withBackup(boolean backup) {
            return new WriteFile(path, content, mode, owner, group, readAs, follow, backup);
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFile w
                    && path.equals(w.path)
                    && Arrays.equals(content, w.content)
                    && mode.equals(w.mode)
                    && owner.equals(w.owner)
                    && group.equals(w.group)
                    && readAs.equals(w.readAs)
                    && follow == w.follow
                    && backup == w.backup;
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(content), mode, owner, group, readAs, follow, backup);
        }

        @Override
        public String toString() {
            return "WriteFile[" + path + ", " + content.length + " bytes, " + mode + " " + owner + ":" + group
                    + ", read as " + FileDigest.shortForm(readAs) + (follow ? ", follow" : "")
                    + (backup ? ", backup" : "") + "]";
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
     * A command that resources run together may share: {@code head} followed by {@code args}.
     * Within a host's batch, consecutive resources (no other resource between them, no handler)
     * whose first {@code MergeableCommand} has the same {@code head} run it ONCE, with their
     * {@code args} merged in order, duplicates dropped (one {@code apt-get install} for several
     * {@code package} resources; one {@code systemctl daemon-reload} for several units: {@code args}
     * empty). The engine stays ignorant of what the command is: equal heads are the whole rule.
     *
     * <p>The operations before it in each of those resources run first (in the resources' order), the
     * shared command next, then each resource's operations after it (in order). A resource whose
     * earlier operations failed, or that depends on one that failed, adds no {@code args}; when the
     * shared command fails, every resource that took part fails with its output. Alone, it runs as
     * {@code head + args}. No standard input, environment or directory: a plain argument list.
     */
    record MergeableCommand(List<String> head, List<String> args) implements Operation {
        public MergeableCommand {
            head = List.copyOf(head);
            args = List.copyOf(args);
            if (head.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program name");
            }
        }

        /** The whole command line when it runs alone. */
        public List<String> argv() {
            List<String> out = new ArrayList<>(head);
            out.addAll(args);
            return List.copyOf(out);
        }
    }

    /**
     * Runs a program with arguments (never a shell string), an optional standard input (any bytes;
     * for secrets: never on a command line), extra environment variables and a working directory;
     * non-zero exit fails the resource.
     *
     * @param env variables added to the command's environment (names {@code [A-Za-z_][A-Za-z0-9_]*})
     * @param cwd the absolute directory it runs in, empty for the default
     */
    record RunCommand(List<String> argv, byte[] stdin, Map<String, String> env, String cwd) implements Operation {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public RunCommand {
            argv = List.copyOf(argv);
            stdin = stdin == null ? new byte[0] : stdin.clone();
            env = Map.copyOf(new TreeMap<>(env));
            cwd = Objects.requireNonNullElse(cwd, "");
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program name");
            }
            env.keySet().forEach(k -> {
                if (!NAME.matcher(k).matches()) {
                    throw new IllegalArgumentException("not an environment variable name: " + k);
                }
            });
            if (!cwd.isEmpty()) {
                Paths.requireAbsolute(cwd);
            }
        }

        public RunCommand(List<String> argv) {
            this(argv, new byte[0], Map.of(), "");
        }

        /** With a text standard input (UTF-8). */
        public RunCommand(List<String> argv, String input) {
            this(argv, (input == null ? "" : input).getBytes(StandardCharsets.UTF_8), Map.of(), "");
        }

        @Override
        public byte[] stdin() {
            return stdin.clone();
        }

        /**
         * What runs, as one argument list: {@code argv}, behind {@code env NAME=VALUE…} for the
         * variables and a {@code cd} for the directory (no shell string is built from values).
         */
        public List<String> effectiveArgv() {
            List<String> out = new ArrayList<>();
            if (!cwd.isEmpty()) {
                out.addAll(List.of("sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "converge-cd", cwd));
            }
            if (!env.isEmpty()) {
                out.add("env");
                new TreeMap<>(env).forEach((k, v) -> out.add(k + "=" + v));
            }
            out.addAll(argv);
            return List.copyOf(out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RunCommand r
                    && argv.equals(r.argv)
                    && Arrays.equals(stdin, r.stdin)
                    && env.equals(r.env)
                    && cwd.equals(r.cwd);
        }

        @Override
        public int hashCode() {
            return Objects.hash(argv, Arrays.hashCode(stdin), env, cwd);
        }

        @Override
        public String toString() {
            return "RunCommand[argv=" + argv + (stdin.length == 0 ? "" : ", input=<" + stdin.length + " bytes>")
                    + (env.isEmpty() ? "" : ", env=" + new TreeMap<>(env).keySet())
                    + (cwd.isEmpty() ? "" : ", cwd=" + cwd) + "]";
        }
    }
}
