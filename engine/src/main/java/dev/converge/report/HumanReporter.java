package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.io.PrintStream;
import java.util.Map;

/**
 * Terminal output as lines: planning and apply batches as they happen (unless a
 * {@link LiveProgress} display shows them), per-resource lines, unified diffs with --diff, and a
 * recap per host.
 */
public final class HumanReporter implements Reporter {
    private static final EventText SAFE = EventText.all(TerminalText::safe);
    private final PrintStream out;
    private final boolean showDiffs;
    private final Ansi ansi;
    private final boolean live;
    private int verbosity;

    public HumanReporter(PrintStream out, boolean showDiffs, boolean colour) {
        this(out, showDiffs, colour, false);
    }

    /** @param live a {@link LiveProgress} display shows planning and batches, so no plain lines for them */
    public HumanReporter(PrintStream out, boolean showDiffs, boolean colour, boolean live) {
        this.out = out;
        this.showDiffs = showDiffs;
        this.ansi = new Ansi(colour);
        this.live = live;
    }

    /** Shows the {@link RunEvent.Detail}s up to {@code level} (-v 1, -vv 2, -vvv 3); none by default. */
    public HumanReporter verbosity(int level) {
        this.verbosity = level;
        return this;
    }

    @Override
    public synchronized void on(RunEvent event) {
        print(SAFE.rewrite(event));
    }

    private void print(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            out.printf(
                    "converge %s: %d host%s, %d resource instance%s%s%n",
                    s.playbook(),
                    s.hosts(),
                    s.hosts() == 1 ? "" : "s",
                    s.resources(),
                    s.resources() == 1 ? "" : "s",
                    s.check() ? " (check mode: nothing will be changed)" : "");
        } else if (event instanceof RunEvent.HostPlanned p && !live) {
            out.printf(
                    "%-8s planned: %d resource%s, %d to change%s%n",
                    p.host(),
                    p.resources(),
                    p.resources() == 1 ? "" : "s",
                    p.changes(),
                    p.deferred() == 0 ? "" : ", " + p.deferred() + " deferred (planned after the apply)");
        } else if (event instanceof RunEvent.BatchStarted b && !live) {
            out.printf(
                    "%-8s applying %s%n",
                    b.host(),
                    b.ids().size() <= 3
                            ? String.join(", ", b.ids())
                            : String.join(", ", b.ids().subList(0, 3)) + " (+"
                                    + (b.ids().size() - 3) + " more)");
        } else if (event instanceof RunEvent.HostUnreachable u) {
            out.println(ansi.red("UNREACHABLE " + u.host() + ": " + u.message()));
        } else if (event instanceof RunEvent.ResourceFinished f) {
            resource(f.host(), f.resource());
        } else if (event instanceof RunEvent.StageStarted s) {
            out.println(ansi.cyan("BATCH " + s.number() + "/" + s.of() + ": " + s.label()));
        } else if (event instanceof RunEvent.Detail d && d.level() <= verbosity) {
            out.printf("%-8s %s:%n", d.host(), d.title());
            d.lines().forEach(line -> out.println("    " + line));
        } else if (event instanceof RunEvent.Warning w) {
            out.println(ansi.yellow("WARNING: " + w.message()));
        } else if (event instanceof RunEvent.RunFinished r) {
            recap(r.report());
        }
    }

    private void resource(String host, ResourceReport r) {
        if (r.status() == ResourceStatus.UNREACHABLE) {
            return;
        }
        String status = switch (r.status()) {
            case CHANGED -> ansi.yellow("changed");
            case FAILED -> ansi.red("failed");
            case SKIPPED -> ansi.cyan("skipped");
            case DEFERRED -> ansi.cyan("deferred");
            default -> ansi.green("ok");
        };
        String message = r.message().isEmpty() ? "" : " (" + r.message() + ")";
        out.printf("%-8s %s [%s] %s%s%n", host, r.id(), r.module(), status, message);
        if (r.status() != ResourceStatus.OK) {
            // shown when the resource changes (or would) or fails; a converged host is not re-warned each run (JSON
            // keeps them all)
            r.warnings().forEach(w -> out.println(ansi.yellow("  WARNING: " + w)));
        }
        r.fields().forEach(f -> out.printf("  %s: %s -> %s%n", f.name(), shown(f.before()), shown(f.after())));
        if (showDiffs) {
            for (FileDiff diff : r.diffs()) {
                diff.unified().lines().forEach(line -> out.println("  " + ansi.diffLine(line)));
            }
        }
    }

    private void recap(RunReport report) {
        out.println();
        out.println("RECAP" + (report.check() ? " (check mode)" : ""));
        for (HostReport host : report.hosts()) {
            Map<ResourceStatus, Integer> c = host.counts();
            String name = String.format("%-12s", host.host());
            name = host.failed() ? ansi.red(name) : host.changed() ? ansi.yellow(name) : ansi.green(name);
            out.printf(
                    "%s ok=%-4d changed=%-4d failed=%-4d skipped=%-4d unreachable=%-2d round_trips=%d%s%n",
                    name,
                    c.get(ResourceStatus.OK),
                    c.get(ResourceStatus.CHANGED),
                    c.get(ResourceStatus.FAILED),
                    c.get(ResourceStatus.SKIPPED),
                    host.unreachable() ? 1 : 0,
                    host.roundTrips(),
                    c.get(ResourceStatus.DEFERRED) == 0 ? "" : " deferred=" + c.get(ResourceStatus.DEFERRED));
        }
        for (BatchReport b : report.batches()) {
            String status = b.status().equals(BatchReport.COMPLETED)
                    ? ansi.green(b.status())
                    : ansi.red(b.status().replace('_', ' '));
            out.printf(
                    "batch %d %s: %s%s%n",
                    b.number(), b.label(), status, b.message().isEmpty() ? "" : " (" + b.message() + ")");
        }
    }

    /** ANSI colours, or none. */
    record Ansi(boolean on) {
        String red(String s) {
            return wrap("31", s);
        }

        String green(String s) {
            return wrap("32", s);
        }

        String yellow(String s) {
            return wrap("33", s);
        }

        String cyan(String s) {
            return wrap("36", s);
        }

        String diffLine(String line) {
            if (line.startsWith("+++") || line.startsWith("---")) {
                return wrap("1", line);
            }
            if (line.startsWith("+")) {
                return green(line);
            }
            if (line.startsWith("-")) {
                return red(line);
            }
            return line.startsWith("@@") ? cyan(line) : line;
        }

        private String wrap(String code, String s) {
            return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }

    /** A field value as shown: an empty one as {@code (none)}, not as nothing between two spaces. */
    private static String shown(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
