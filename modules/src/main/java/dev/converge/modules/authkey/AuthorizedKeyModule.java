package dev.converge.modules.authkey;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.FileEdit;
import dev.converge.modules.support.Getent;
import dev.converge.modules.support.LineBuffer;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.Paths;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code authorized_key}: one SSH public key in a user's authorized_keys, among the others (which
 * stay byte for byte), with its options; or only that key ({@code exclusive}). A new file and its
 * {@code .ssh} directory belong to the user, modes 0600 and 0700 (sshd's StrictModes).
 */
public final class AuthorizedKeyModule implements Module<AuthorizedKeyParams> {

    @Override
    public String name() {
        return "authorized_key";
    }

    @Override
    public Class<AuthorizedKeyParams> paramsType() {
        return AuthorizedKeyParams.class;
    }

    @Override
    public List<ParamProblem> validate(AuthorizedKeyParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("user", p.user()) && !p.user().matches("[a-z_][a-z0-9_.-]*\\$?")) {
            checks.problem("user", "'" + p.user() + "' is not a user name", "e.g. user: nova");
        }
        if (checks.required("key", p.key())) {
            checks.singleLine("key", p.key());
            if (KeyLine.parse(p.key()).isEmpty()) {
                checks.problem(
                        "key",
                        "not an SSH public key line (TYPE BASE64 [COMMENT])",
                        "paste the .pub file's line, e.g. ssh-ed25519 AAAA... user@host");
            } else if (!KeyLine.parse(p.key()).get().options().isEmpty()) {
                checks.problem("key", "the key line carries options", "give them as options: ...");
            }
        }
        checks.singleLine("options", p.options());
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        checks.absolutePath("path", p.path());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(AuthorizedKeyParams p) {
        String file = p.pathOrDefault();
        return Set.of(Getent.passwdOf(p.user()).fact(), new Fact.FileRead(file), new Fact.FileRead(Paths.parent(file)));
    }

    @Override
    public Set<String> paths(AuthorizedKeyParams p) {
        return Set.of(p.pathOrDefault());
    }

    @Override
    public Change plan(AuthorizedKeyParams p, PlanContext context) {
        Optional<Getent.Passwd> found = context.facts().read(Getent.passwdOf(p.user()));
        // a user created earlier in this run without a predicted entry: owned by name, in the conventional home
        Getent.Passwd user = found.orElse(new Getent.Passwd(p.user(), -1, -1, p.conventionalHome(), ""));
        if (p.path() == null && !user.home().equals(p.conventionalHome())) {
            throw new PlanFailure("the home of " + p.user() + " is " + user.home() + ", not " + p.conventionalHome()
                    + ": give path: " + user.home() + "/.ssh/authorized_keys");
        }
        String path = p.pathOrDefault();
        FileInfo file = context.facts().file(path);
        KeyLine wanted = KeyLine.parse(p.key()).orElseThrow();
        wanted = new KeyLine(
                p.options() == null ? "" : p.options().strip(), wanted.type(), wanted.blob(), wanted.comment());
        String before = file.exists()
                ? FileEdit.decode(file.content()).orElseThrow(() -> new PlanFailure(path + ": not UTF-8 text"))
                : "";
        String after = edit(before, wanted, p.absent(), p.exclusiveOrDefault());
        if (after.equals(before)) {
            return Change.none();
        }
        String owner = found.isPresent() ? String.valueOf(user.uid()) : p.user();
        String group = found.isPresent() ? String.valueOf(user.gid()) : "";
        List<Operation> ops = new ArrayList<>();
        FileInfo dir = context.facts().file(Paths.parent(path));
        if (!dir.exists()) {
            ops.add(new Operation.MakeDirectory(dir.path(), "0700", owner, group));
        }
        ops.add(Operation.WriteFile.replacing(
                file,
                after.getBytes(StandardCharsets.UTF_8),
                file.exists() ? "" : "0600",
                file.exists() ? "" : owner,
                file.exists() ? "" : group));
        String label = wanted.type() + " " + abbreviate(wanted.blob())
                + (wanted.comment().isEmpty() ? "" : " " + wanted.comment());
        return WriteGuard.guard(
                Change.of(
                        ops,
                        List.of(new Change.FieldChange(
                                "key " + label,
                                present(before, wanted),
                                p.absent()
                                        ? "absent"
                                        : wanted.options().isEmpty()
                                                ? "present"
                                                : "present (" + wanted.options() + ")"))),
                file,
                p.validate(),
                Boolean.TRUE.equals(p.backup()));
    }

    private static String present(String content, KeyLine wanted) {
        for (String line : LineBuffer.parse(content).texts()) {
            Optional<KeyLine> k = KeyLine.parse(line);
            if (k.isPresent() && k.get().sameKey(wanted)) {
                return k.get().options().isEmpty()
                        ? "present"
                        : "present (" + k.get().options() + ")";
            }
        }
        return "absent";
    }

    /** The file with the key as wanted; other lines (keys, comments, blank lines) kept unless exclusive. */
    static String edit(String content, KeyLine wanted, boolean absent, boolean exclusive) {
        LineBuffer lines = LineBuffer.parse(content);
        boolean placed = false;
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<KeyLine> k = KeyLine.parse(lines.get(i));
            if (k.isEmpty()) {
                continue;
            }
            if (k.get().sameKey(wanted)) {
                if (absent || placed) {
                    lines.remove(i);
                } else {
                    KeyLine keep = new KeyLine(
                            wanted.options(),
                            wanted.type(),
                            wanted.blob(),
                            wanted.comment().isEmpty() ? k.get().comment() : wanted.comment());
                    if (!keep.options().equals(k.get().options())
                            || !keep.comment().equals(k.get().comment())) {
                        lines.set(i, keep.render());
                    }
                    placed = true;
                }
            } else if (exclusive) {
                lines.remove(i);
            }
        }
        if (!absent && !placed) {
            lines.append(wanted.render());
        }
        return lines.render();
    }

    private static String abbreviate(String blob) {
        return blob.length() <= 16 ? blob : blob.substring(0, 8) + "..." + blob.substring(blob.length() - 8);
    }
}
