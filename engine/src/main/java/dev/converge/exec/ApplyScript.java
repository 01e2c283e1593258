package dev.converge.exec;

import dev.converge.gather.GatherScript;
import dev.converge.gather.PendingHandlers;
import dev.converge.spi.Operation;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a host's batch of steps into ONE shell script (run as {@code sh -s}: dash, bash as
 * {@code sh}, BusyBox ash). Files are written by {@link WriteShell}: compare-and-swap against the
 * content they were planned from, a private temp file in the same directory created with the final
 * mode, owner set, attributes kept, fsynced and renamed over the old one, so a file is always the
 * old or the new content. Each step's operations run in their order, each ending the step when it
 * fails ({@code op || return $?}; never {@code set -e}). Each step reports its exit code and output
 * behind a nonce marker; a step whose dependency failed is skipped. Consecutive steps whose first
 * {@link Operation.MergeableCommand} has the same head share it: run once, arguments merged
 * ({@link SharedCommands}, {@link SharedRun}); each step still reports its own result.
 *
 * <p>Reliability (docs/reliability.md):
 * <ul>
 * <li>The whole script is one function, called on its last line: a script cut short in transit
 *     (connection dropped, controller killed) is a syntax error and runs nothing.</li>
 * <li>Once running it ignores HUP, PIPE and INT: a dropped connection or a killed controller
 *     does not stop it half way; it finishes on its own (its report is lost; the next run
 *     re-reads the host).</li>
 * <li>It holds the host lock ({@code flock} on {@code /run/converge.lock}, bounded wait) for the
 *     whole batch, so two runs never interleave their writes; the holder (remote pid, start,
 *     controller) is recorded in the lock file and named when the wait runs out.</li>
 * <li>Under the lock, leftover temp files of the managed paths are removed and reported.</li>
 * <li>Each step runs with a timeout; a step that outlives it is stopped (its process tree
 *     TERMed, then KILLed) and reported as timed out; the other steps go on.</li>
 * </ul>
 */
final class ApplyScript {
    /** Exit code of the script when the host lock could not be taken in time. */
    static final int LOCKED = 75;
    /** A step's exit code when it was stopped at its timeout (as coreutils' timeout). */
    static final int STEP_TIMED_OUT = 124;
    /** The line the script (cv_run) adds to a step's standard error when it stopped the step at its timeout. */
    private static final String TIMEOUT_NOTE = "converge: stopped after its timeout";

    /** What the script prints (after the nonce marker) when the lock directory is not the user's own. */
    private static final String REFUSED = " refused ";

    /**
     * Makes the user's private lock directory ({@code LD}, when the lock is not in {@code /run})
     * before the lock file is opened, and refuses to go on when what is at that name is not a
     * directory of this user's: another user could otherwise plant the lock file or the pending
     * handlers' record there, or a link that redirects the writes.
     */
    private static final String LOCK_DIR = """
            cv_lockdir() {
              [ -n "$LD" ] || return 0
              mkdir -m 700 -- "$LD" 2>/dev/null
              if cf_private; then return 0; fi
              echo "@@$N refused $LD is not a directory of $(id -un)'s own (another user made it, or it is a link); \
            nothing was changed; remove it, or set TMPDIR or CONVERGE_LOCK_FILE to a directory of this user's"
              return 75
            }
            """;

    private static final String PRELUDE =
            """
            umask 022
            trap '' HUP PIPE INT
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
            """ + WriteShell.FUNCTIONS + """
            cv_report() {
              echo "@@$N R $1 $2"
              if [ -s "$t/o$1" ]; then base64 < "$t/o$1" | tr -d '\\n'; fi; echo
              if [ -s "$t/e$1" ]; then base64 < "$t/e$1" | tr -d '\\n'; fi; echo
            }
            cv_share() {
              cat -- "$t/o$1" >> "$t/o$2"; cat -- "$t/e$1" >> "$t/e$2"
            }
            cv_holder() {
              printf 'pid=%s since=%s controller=%s run=%s\\n' "$$" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$C" "$N"
            }
            cv_lock() {
              if command -v flock >/dev/null 2>&1; then
                if ! flock -w "$W" 9; then
                  echo "@@$N locked $(head -c 400 -- "$L" 2>/dev/null | tr '\\n' ' ')"; return 1
                fi
                cv_holder > "$L"
                return 0
              fi
              i=0
              until mkdir -- "$L.d" 2>/dev/null; do
                h=$(sed -n 's/^pid=\\([0-9]*\\).*/\\1/p' -- "$L.d/holder" 2>/dev/null)
                if [ -n "$h" ] && ! kill -0 "$h" 2>/dev/null; then rm -rf -- "$L.d"; continue; fi
                i=$((i + 1))
                if [ "$i" -gt "$W" ]; then echo "@@$N locked $(head -c 400 -- "$L.d/holder" 2>/dev/null | tr '\\n' ' ')"; return 1; fi
                sleep 1
              done
              cv_holder > "$L.d/holder"
              trap 'rm -rf "$t" "$L.d"' EXIT
            }
            """ + GatherScript.LEFTOVER_CLEANER + PendingHandlers.WRITER + """
            cv_kids() {
              if command -v pgrep >/dev/null 2>&1; then pgrep -P "$1"; return 0; fi
              for s in /proc/[0-9]*/stat; do
                { read -r x < "$s"; } 2>/dev/null || continue
                x=${x##*) }; x=${x#* }
                [ "${x%% *}" != "$1" ] || { s=${s#/proc/}; echo "${s%/stat}"; }
              done
            }
            cv_tree() {
              echo "$1"
              for c in $(cv_kids "$1" 2>/dev/null); do cv_tree "$c"; done
            }
            cv_run() {
              ( "cv_$1" ) 9>&- </dev/null >>"$t/o$2" 2>>"$t/e$2" &
              p=$!
              if [ "$S" -gt 0 ]; then
                # shellcheck disable=SC2086 # $k below is a list of pids
                ( exec 9>&- >/dev/null 2>&1 </dev/null
                  n=0
                  while [ "$n" -lt "$S" ]; do
                    sleep 1; [ -d "$t" ] && [ ! -e "$t/done.$1" ] || exit 0; n=$((n + 1))
                  done
                  kill -0 "$p" || exit 0; : > "$t/timeout.$1"
                  k=$(cv_tree "$p"); kill -TERM $k; sleep 2; kill -KILL $k ) &
                w=$!
              fi
              wait "$p"; s=$?
              : > "$t/done.$1"
              if [ -e "$t/timeout.$1" ]; then
                wait "$w"; s=124; echo "converge: stopped after its timeout of $S s" >> "$t/e$2"
              fi
              return "$s"
            }
            """;

    private ApplyScript() {}

    /** The script to send. */
    record Built(byte[] script) {}

    /** How the script behaves on the host. */
    record Settings(int lockWaitSeconds, int stepTimeoutSeconds, String controller) {
        static final Settings DEFAULT = new Settings(60, 0, "unknown");
    }

    static Built build(List<ApplyStep> steps, String nonce) {
        return build(steps, nonce, Settings.DEFAULT);
    }

    static Built build(List<ApplyStep> steps, String nonce, Settings settings) {
        Set<String> written = new LinkedHashSet<>();
        for (ApplyStep step : steps) {
            for (Operation op : step.operations()) {
                if (op instanceof Operation.WriteFile w) {
                    written.add(w.path());
                }
            }
        }
        StringBuilder s = new StringBuilder("N=")
                .append(nonce)
                .append('\n')
                .append("W=")
                .append(Math.max(0, settings.lockWaitSeconds()))
                .append('\n')
                .append("S=")
                .append(Math.max(0, settings.stepTimeoutSeconds()))
                .append('\n')
                .append("C=")
                .append(ShellQuote.quote(settings.controller()))
                .append('\n')
                .append(GatherScript.LOCK_PATH)
                .append(LOCK_DIR)
                .append(PendingHandlers.PATH)
                .append("cv_main() {\n")
                .append(PRELUDE)
                .append("cv_lock || exit ")
                .append(LOCKED)
                .append('\n');
        for (String path : written) {
            s.append("cv_clean ").append(ShellQuote.quote(path)).append('\n');
        }
        StringBuilder bodies = new StringBuilder();
        int shared = 0;
        for (SharedCommands.Unit unit : SharedCommands.layout(steps)) {
            if (unit instanceof SharedCommands.Alone alone) {
                int i = alone.step();
                body(bodies, "s" + i, steps.get(i).operations(), nonce);
                appendStep(s, i, steps.get(i));
            } else {
                SharedRun.append(s, bodies, (SharedCommands.Run) unit, steps, shared++, nonce);
            }
        }
        s.append("echo \"@@$N end\"\n}\n");
        s.append(bodies);
        // The only top-level command, one word on the last line: nothing runs unless the script
        // arrived whole (a cut inside the word names no command; "cv_main 9>>..." cut after
        // "cv_main" would still run).
        s.append("cv_start() { cv_lockdir || exit $?; cv_main 9>>\"$L\" || exit $?; }\n");
        s.append("cv_start\n");
        return new Built(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A function running {@code ops} in order, each ending it when it fails. */
    static void body(StringBuilder bodies, String name, List<Operation> ops, String nonce) {
        // every operation's failure ends its step explicitly: no reliance on set -e, which
        // bash (as sh) ignores inside a function called from an AND-OR list
        bodies.append("cv_").append(name).append("() {\n");
        ops.forEach(op -> bodies.append(render(op, nonce)).append('\n'));
        bodies.append("}\n");
    }

    private static void appendStep(StringBuilder s, int index, ApplyStep step) {
        s.append("r").append(index).append("=1\n");
        StringBuilder condition = new StringBuilder("true");
        step.dependsOn().forEach(d -> condition.append(" && [ \"$r").append(d).append("\" = 0 ]"));
        if (!step.anyOf().isEmpty()) {
            condition.append(" && { false");
            step.anyOf().forEach(d -> condition.append(" || [ \"$r").append(d).append("\" = 0 ]"));
            condition.append("; }");
        }
        s.append("if ").append(condition).append("; then\n");
        s.append("cv_run s")
                .append(index)
                .append(' ')
                .append(index)
                .append("; r")
                .append(index)
                .append("=$?\n");
        s.append("cv_report ").append(index).append(" \"$r").append(index).append("\"\n");
        if (!step.clearOnSuccess().isEmpty() || !step.pendOnSuccess().isEmpty()) {
            // the handlers it notifies are recorded on the host before they run; a handler clears its own record
            s.append("if [ \"$r").append(index).append("\" = 0 ]; then");
            if (!step.clearOnSuccess().isEmpty()) {
                s.append(" cv_pending del ")
                        .append(ShellQuote.join(step.clearOnSuccess()))
                        .append(';');
            }
            if (!step.pendOnSuccess().isEmpty()) {
                s.append(" cv_pending add ")
                        .append(ShellQuote.join(step.pendOnSuccess()))
                        .append(';');
            }
            s.append(" fi\n");
        }
        s.append("else echo \"@@$N R ").append(index).append(" skip\"; fi\n");
    }

    /** One operation as a command line that returns from its step when it fails. */
    private static String render(Operation op, String nonce) {
        String marker = "CONVERGE_" + nonce;
        if (op instanceof Operation.WriteFile w) {
            return "cv_write "
                    + ShellQuote.join(List.of(
                            w.path(),
                            w.mode(),
                            w.owner(),
                            w.group(),
                            w.readAs(),
                            w.follow() ? "1" : "0",
                            w.backup() ? "1" : "0"))
                    + " <<'" + marker + "' || return $?\n"
                    + Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(w.content()) + "\n" + marker;
        }
        if (op instanceof Operation.MakeDirectory d) {
            return "cv_dir " + ShellQuote.join(List.of(d.path(), d.mode(), d.owner(), d.group())) + " || return $?";
        }
        if (op instanceof Operation.SetAttributes a) {
            return "cv_attr " + ShellQuote.join(List.of(a.path(), a.mode(), a.owner(), a.group())) + " || return $?";
        }
        if (op instanceof Operation.RemovePath r) {
            return "cv_rm " + ShellQuote.quote(r.path()) + " || return $?";
        }
        if (op instanceof Operation.MergeableCommand m) {
            return ShellQuote.join(m.argv()) + " || return $?";
        }
        Operation.RunCommand run = (Operation.RunCommand) op;
        if (run.stdin().length == 0) {
            return ShellQuote.join(run.effectiveArgv()) + " || return $?";
        }
        return "base64 -d <<'" + marker + "' | " + ShellQuote.join(run.effectiveArgv()) + " || return $?\n"
                + Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(run.stdin()) + "\n" + marker;
    }

    /** Parses the per-step results; a step with no result line (script cut short) is absent. */
    static Map<Integer, StepResult> parse(byte[] stdout, String nonce) {
        return parseAll(stdout, nonce).steps();
    }

    /** Everything the script reported: per-step results, removed leftovers, the lock holder if it was busy. */
    /**
     * What an apply script printed: each step's result, the leftovers it removed, the holder of the
     * lock it could not take, and why it refused to take the lock at all (null when it did not).
     */
    record Parsed(Map<Integer, StepResult> steps, List<String> removedLeftovers, String lockedBy, String lockRefused) {}

    static Parsed parseAll(byte[] stdout, String nonce) {
        List<String> leftovers = new ArrayList<>();
        String lockedBy = null;
        String refused = null;
        Map<Integer, StepResult> out = new HashMap<>();
        String[] lines = new String(stdout, StandardCharsets.UTF_8).split("\n", -1);
        String marker = "@@" + nonce + " R ";
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("@@" + nonce + " leftover ")) {
                leftovers.add(lines[i].substring(("@@" + nonce + " leftover ").length()));
                continue;
            }
            if (lines[i].startsWith("@@" + nonce + REFUSED)) {
                refused = lines[i].substring(("@@" + nonce + REFUSED).length()).strip();
                continue;
            }
            if (lines[i].startsWith("@@" + nonce + " locked")) {
                lockedBy =
                        lines[i].substring(("@@" + nonce + " locked").length()).strip();
                continue;
            }
            if (!lines[i].startsWith(marker)) {
                continue;
            }
            String[] parts = lines[i].substring(marker.length()).strip().split(" ");
            int index = Integer.parseInt(parts[0]);
            if (parts[1].equals("skip")) {
                out.put(index, new StepResult(-1, "", ""));
                continue;
            }
            String o = i + 1 < lines.length ? decode(lines[i + 1]) : "";
            String e = i + 2 < lines.length ? decode(lines[i + 2]) : "";
            int code = Integer.parseInt(parts[1]);
            out.put(index, new StepResult(code, o, e, code == STEP_TIMED_OUT && e.contains(TIMEOUT_NOTE + " of ")));
        }
        return new Parsed(out, leftovers, lockedBy, refused);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
