package dev.converge.modules.support;

import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code validate:} and {@code backup:} for the modules that edit a file in place ({@code line},
 * {@code keyvalue}, {@code ini}), as {@code file} has them: before the write, the new content is
 * checked by a command on a private copy (a rejection fails the step and leaves the file as it
 * was), and the write keeps the old content beside it ({@link Operation.WriteFile#withBackup}).
 * {@code file} validates with the same script.
 */
public final class WriteGuard {
    /**
     * {@code sh -c VALIDATE converge-validate DIR PATH VALIDATOR...}, the new content on stdin: a
     * private directory beside the file holds a copy named like the file (validators that look at
     * the name, e.g. {@code sshd -t -f %s}, see it), every {@code %s} of the validator's arguments is
     * its path; exits with the validator's code (non-zero stops the step before the write). A
     * constant script: every value is an argument.
     */
    static final String VALIDATE = "umask 077; "
            + "d=$(mktemp -d \"$1/.converge-validate.XXXXXX\") || exit 1; "
            + "t=$d/${2##*/}; target=$2; shift 2; "
            + "if ! (set -C; cat > \"$t\"); then rm -rf -- \"$d\"; exit 1; fi; "
            + "n=$#; "
            + "while [ \"$n\" -gt 0 ]; do "
            + "a=$1; shift; out=; "
            + "while :; do case $a in *%s*) out=$out${a%%\"%s\"*}$t; a=${a#*\"%s\"};; *) out=$out$a; break;; esac; done; "
            + "set -- \"$@\" \"$out\"; n=$((n - 1)); "
            + "done; "
            + "\"$@\"; rc=$?; rm -rf -- \"$d\"; "
            + "if [ \"$rc\" -ne 0 ]; then printf 'file: %s rejected the new content of %s (exit %s); the file was not changed\\n' "
            + "\"$1\" \"$target\" \"$rc\" >&2; fi; "
            + "exit \"$rc\"";

    private WriteGuard() {}

    /** The step that checks {@code content}, the new content of {@code path}, with {@code validate} before it is written. */
    public static Operation validation(String path, byte[] content, List<String> validate) {
        List<String> argv =
                new ArrayList<>(List.of("sh", "-c", VALIDATE, "converge-validate", Paths.parent(path), path));
        argv.addAll(validate);
        return new Operation.RunCommand(argv, content, Map.of(), "");
    }

    /** Checks a {@code validate:} argument list (when given): arguments, not a shell string, naming the file with {@code %s}. */
    public static void check(Checks checks, List<String> argv) {
        if (argv == null) {
            return;
        }
        if (argv.isEmpty() || argv.stream().anyMatch(a -> a == null || a.isEmpty() || a.indexOf('\0') >= 0)) {
            checks.problem(
                    "validate",
                    "validate is empty or holds an empty or NUL argument",
                    "write validate: [sshd, -t, -f, \"%s\"]");
        } else if (argv.size() == 1 && argv.get(0).strip().contains(" ")) {
            checks.problem(
                    "validate",
                    "validate must be an argument list, not a shell string: '" + argv.get(0) + "'",
                    "write validate: [" + String.join(", ", argv.get(0).strip().split("\\s+")) + "]");
        } else if (argv.stream().noneMatch(a -> a.contains("%s"))) {
            checks.problem(
                    "validate",
                    "validate does not name the file to check with %s",
                    "add \"%s\" where the file goes, e.g. [sshd, -t, -f, \"%s\"]");
        }
    }

    /**
     * The change with, before each of its writes of {@code file}, the validation of the new content
     * (when {@code validate} is given), and each write keeping the old content (when {@code backup}
     * and the file exists).
     */
    public static Change guard(Change change, FileInfo file, List<String> validate, boolean backup) {
        if ((validate == null && !backup) || !change.changed()) {
            return change;
        }
        List<Operation> ops = new ArrayList<>();
        for (Operation op : change.operations()) {
            if (op instanceof Operation.WriteFile w && w.path().equals(file.path())) {
                if (validate != null) {
                    ops.add(validation(w.path(), w.content(), validate));
                }
                ops.add(w.withBackup(backup && file.exists()));
                continue;
            }
            ops.add(op);
        }
        return new Change(ops, change.fields(), change.warnings(), change.converges(), change.predicted());
    }
}
