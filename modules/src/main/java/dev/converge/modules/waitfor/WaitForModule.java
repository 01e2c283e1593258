package dev.converge.modules.waitfor;

import dev.converge.modules.support.Checks;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code wait_for}: a TCP port reachable from the bound host, or a path present, within a
 * timeout. The thing may only appear while the run applies (a service restarted earlier in the
 * batch), so the waiting is an operation: the fact is a one-shot probe; when it already succeeds
 * nothing is planned, else a polling command waits at apply time and fails with a clear message.
 * Scripts are constants; host, port, path and timeout are positional arguments.
 */
public final class WaitForModule implements Module<WaitForParams> {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:\\[\\]%]([A-Za-z0-9_.:\\[\\]%-]{0,252})");

    /**
     * Defines {@code probe HOST PORT}: one connection attempt, at most about 3 s; {@code nc -z}, else an
     * {@code nc} without {@code -z} (BusyBox: connected when it exits 0 or is still connected at
     * its timeout), else bash's /dev/tcp.
     */
    static final String PROBE_FN =
            "z=; if command -v nc >/dev/null 2>&1; then z=n; nc -h 2>&1 | grep -q -- -z && z=z; fi; "
                    + "probe() { if [ \"$z\" = z ]; then nc -z -w 2 \"$1\" \"$2\" >/dev/null 2>&1;"
                    + " elif [ \"$z\" = n ]; then timeout 3 nc -w 2 \"$1\" \"$2\" </dev/null >/dev/null 2>&1; r=$?;"
                    + " [ \"$r\" = 0 ] || [ \"$r\" = 124 ] || [ \"$r\" = 143 ];"
                    + " else timeout 2 bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' wait_for \"$1\" \"$2\" >/dev/null 2>&1; fi; }; "
                    + "h=$1; [ -n \"$h\" ] || h=$(hostname); ";
    /** {@code sh -c PORT_PROBE wait_for HOST PORT}: exits 0 when the port accepts a connection now. */
    static final String PORT_PROBE = PROBE_FN + "probe \"$h\" \"$2\"";
    /** {@code sh -c PORT_WAIT wait_for HOST PORT TIMEOUT}: polls every second until the port answers or TIMEOUT passes. */
    static final String PORT_WAIT = PROBE_FN + "end=$(( $(date +%s) + $3 )); "
            + "until probe \"$h\" \"$2\"; do "
            + "if [ \"$(date +%s)\" -ge \"$end\" ]; then "
            + "printf 'wait_for: port %s on %s did not accept a connection within %s s\\n' \"$2\" \"$h\" \"$3\" >&2; exit 1; fi; "
            + "sleep 1; done";
    /** {@code sh -c PATH_WAIT wait_for PATH TIMEOUT}: polls every second until PATH exists or TIMEOUT passes. */
    static final String PATH_WAIT = "end=$(( $(date +%s) + $2 )); "
            + "until [ -e \"$1\" ]; do "
            + "if [ \"$(date +%s)\" -ge \"$end\" ]; then "
            + "printf 'wait_for: %s did not appear within %s s\\n' \"$1\" \"$2\" >&2; exit 1; fi; "
            + "sleep 1; done";

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public Class<WaitForParams> paramsType() {
        return WaitForParams.class;
    }

    @Override
    public List<ParamProblem> validate(WaitForParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if ((p.port() == null) == (p.path() == null)) {
            checks.problem(
                    p.port() == null ? "port" : "path",
                    p.port() == null ? "wait_for needs port or path" : "port and path exclude each other",
                    "keep one: port: 16509 or path: /run/libvirt/libvirt-sock");
        }
        if (p.port() != null && (p.port() < 1 || p.port() > 65535)) {
            checks.problem("port", "port must be between 1 and 65535, not " + p.port(), "e.g. port: 16509");
        }
        if (p.host() != null) {
            if (p.port() == null) {
                checks.problem("host", "host applies to port, not to path", "remove it");
            } else if (!HOST.matcher(p.host()).matches()) {
                checks.problem(
                        "host",
                        "'" + p.host() + "' is not a host name or address",
                        "e.g. host: 10.77.0.12 or host: compute-1");
            }
        }
        checks.absolutePath("path", p.path());
        if (p.timeout() != null && (p.timeout() < 1 || p.timeout() > 86_400)) {
            checks.problem(
                    "timeout", "timeout must be between 1 and 86400 seconds, not " + p.timeout(), "e.g. timeout: 60");
        }
        return checks.problems();
    }

    /** Deferred after changes before it: a wait is for the live state. */
    @Override
    public boolean checksLiveState(WaitForParams p) {
        return true;
    }

    @Override
    public Set<Fact> facts(WaitForParams p) {
        return Set.of(new Fact.CommandRun(probe(p)));
    }

    /** The one-shot check, also what must succeed after the wait ran. */
    static List<String> probe(WaitForParams p) {
        if (p.path() != null) {
            return List.of("test", "-e", p.path());
        }
        return List.of("sh", "-c", PORT_PROBE, "wait_for", hostArg(p), String.valueOf(p.port()));
    }

    private static String hostArg(WaitForParams p) {
        return p.host() == null ? "" : p.host();
    }

    @Override
    public Change plan(WaitForParams p, PlanContext context) {
        if (context.facts().command(probe(p)).succeeded()) {
            return Change.none();
        }
        String timeout = String.valueOf(p.timeoutOrDefault());
        if (p.path() != null) {
            return Change.of(
                    List.of(new Operation.RunCommand(List.of("sh", "-c", PATH_WAIT, "wait_for", p.path(), timeout))),
                    List.of(new Change.FieldChange("wait", "absent", p.path() + " (up to " + timeout + " s)")));
        }
        String where = p.host() == null ? context.host() + " (its hostname)" : p.host();
        return Change.of(
                List.of(new Operation.RunCommand(
                        List.of("sh", "-c", PORT_WAIT, "wait_for", hostArg(p), String.valueOf(p.port()), timeout))),
                List.of(new Change.FieldChange(
                        "wait", "closed", "port " + p.port() + " on " + where + " (up to " + timeout + " s)")));
    }
}
