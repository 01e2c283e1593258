package dev.converge.modules.assertion;

import dev.converge.modules.support.Checks;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code assert}: a read-only check on each host. It plans no change when the check holds and
 * fails the resource ({@link PlanFailure}) with what was expected and what was seen otherwise.
 * The check reads facts gathered before the run: put it {@code after:} what it checks.
 */
public final class AssertModule implements Module<AssertParams> {
    private static final Set<String> STATES = Set.of("exists", "absent", "directory");
    private static final int SHOWN = 300;

    @Override
    public String name() {
        return "assert";
    }

    @Override
    public Class<AssertParams> paramsType() {
        return AssertParams.class;
    }

    @Override
    public List<ParamProblem> validate(AssertParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        boolean hasCmd = p.cmd() != null;
        if (hasCmd == (p.path() != null)) {
            checks.problem(
                    hasCmd ? "path" : "cmd",
                    hasCmd
                            ? "cmd and path exclude each other"
                            : "assert needs cmd (a command to run) or path (a path to check)",
                    "keep one: cmd: [systemctl, is-active, libvirtd] or path: /etc/example.conf");
        }
        if (hasCmd) {
            checkArgv(checks, p.cmd());
            if (p.stdoutMatches() != null && p.stdoutEquals() != null) {
                checks.problem(
                        "stdout_equals", "stdout_matches and stdout_equals exclude each other", "keep one of them");
            }
            checks.regex("stdout_matches", p.stdoutMatches());
            if (p.state() != null) {
                checks.problem("state", "state applies to path, not to cmd", "remove it, or use rc/stdout_matches");
            }
        }
        if (p.path() != null) {
            checks.absolutePath("path", p.path());
            checks.oneOf("state", p.state(), STATES);
            for (String[] cmdOnly : new String[][] {
                {"rc", p.rc() == null ? null : ""},
                {"stdout_matches", p.stdoutMatches()},
                {"stdout_equals", p.stdoutEquals()}
            }) {
                if (cmdOnly[1] != null) {
                    checks.problem(
                            cmdOnly[0], cmdOnly[0] + " applies to cmd, not to path", "remove it, or check a command");
                }
            }
        }
        if (p.rc() != null && (p.rc() < 0 || p.rc() > 255)) {
            checks.problem("rc", "rc must be an exit code between 0 and 255, not " + p.rc(), "e.g. rc: 0");
        }
        checks.singleLine("what", p.what());
        return checks.problems();
    }

    private static void checkArgv(Checks checks, List<String> argv) {
        if (argv.isEmpty()) {
            checks.problem("cmd", "cmd is empty", "write cmd: [program, arg1, arg2]");
        } else if (argv.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            checks.problem("cmd", "cmd holds an empty or NUL argument", "remove it");
        } else if (argv.size() == 1 && argv.get(0).strip().contains(" ")) {
            checks.problem(
                    "cmd",
                    "cmd must be an argument list, not a shell string: '" + argv.get(0) + "'",
                    "write cmd: [" + String.join(", ", argv.get(0).strip().split("\\s+"))
                            + "] (for shell syntax: [sh, -c, '...'])");
        }
    }

    /** A command's output is checked live (deferred after changes before it); a path is seen as planned. */
    @Override
    public boolean checksLiveState(AssertParams p) {
        return p.cmd() != null;
    }

    @Override
    public Set<Fact> facts(AssertParams p) {
        return p.cmd() != null ? Set.of(new Fact.CommandRun(p.cmd())) : Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public Change plan(AssertParams p, PlanContext context) {
        return p.cmd() != null
                ? planCommand(p, context.facts().command(p.cmd()))
                : planPath(p, context.facts().file(p.path()));
    }

    private static Change planCommand(AssertParams p, CommandOutput out) {
        String what = p.what() != null ? p.what() : String.join(" ", p.cmd());
        if (out.exitCode() != p.rcOrDefault()) {
            throw new PlanFailure("assert " + what + ": expected exit code " + p.rcOrDefault() + ", got "
                    + out.exitCode() + seen("stdout", out.stdout()) + seen("stderr", out.stderr()));
        }
        String stdout = withoutFinalNewline(out.stdout());
        if (p.stdoutEquals() != null && !stdout.equals(p.stdoutEquals())) {
            throw new PlanFailure(
                    "assert " + what + ": expected stdout " + quote(p.stdoutEquals()) + ", got " + quote(stdout));
        }
        if (p.stdoutMatches() != null
                && !Pattern.compile(p.stdoutMatches()).matcher(out.stdout()).find()) {
            throw new PlanFailure(
                    "assert " + what + ": expected stdout matching /" + p.stdoutMatches() + "/, got " + quote(stdout));
        }
        return Change.none();
    }

    private static Change planPath(AssertParams p, FileInfo info) {
        String what = p.what() != null ? p.what() : p.path();
        String state = p.stateOrDefault();
        boolean holds = switch (state) {
            case "absent" -> !info.exists();
            case "directory" -> info.kind() == FileInfo.Kind.DIRECTORY;
            default -> info.exists();
        };
        if (!holds) {
            String seen =
                    info.exists() ? "it is a " + info.kind().name().toLowerCase(Locale.ROOT) : "it does not exist";
            throw new PlanFailure("assert " + what + ": expected " + p.path() + " to be "
                    + (state.equals("exists") ? "present" : state.equals("directory") ? "a directory" : "absent")
                    + ", but " + seen);
        }
        return Change.none();
    }

    private static String withoutFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static String seen(String stream, String text) {
        String t = text.strip();
        return t.isEmpty() ? "" : "; " + stream + ": " + quote(t);
    }

    private static String quote(String s) {
        String shown = s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
