package dev.converge.report;

import dev.converge.plan.ResourceStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terminal's live display when standard output is a TTY: one line per host, redrawn in place
 * (resources done / total, a bar, and what it is working on), above the normal output, which it
 * forwards to the reporter it wraps. The region is erased before that reporter prints anything, so
 * lines never interleave.
 */
public final class LiveProgress implements Reporter {
    private static final int BAR = 20;
    /** More hosts than this: the most recently active ones, and one summary line for the rest. */
    static final int MAX_LINES = 15;

    private final PrintStream out;
    private final Reporter lines;
    private final boolean colour;
    private final Map<String, HostLine> hosts = new LinkedHashMap<>();
    private int drawn;
    private long tick;

    /** @param lines the reporter that prints the run's lines (a {@link HumanReporter}) */
    public LiveProgress(PrintStream out, Reporter lines, boolean colour) {
        this.out = out;
        this.lines = lines;
        this.colour = colour;
    }

    private static final class HostLine {
        int total;
        int done;
        int failed;
        long active;
        String doing = "connecting";
    }

    private HostLine line(String host) {
        HostLine line = hosts.computeIfAbsent(host, h -> new HostLine());
        line.active = ++tick;
        return line;
    }

    @Override
    public synchronized void on(RunEvent event) {
        erase();
        lines.on(event);
        update(event);
        if (!(event instanceof RunEvent.RunFinished) && !(event instanceof RunEvent.ResourceFinished)) {
            draw();
        }
        out.flush();
    }

    private void update(RunEvent event) {
        if (event instanceof RunEvent.HostPlanned p) {
            HostLine line = line(p.host());
            line.total = p.resources();
            line.doing = (p.changes() == 0 ? "nothing to change" : p.changes() + " to change")
                    + (p.deferred() == 0 ? "" : ", " + p.deferred() + " deferred");
        } else if (event instanceof RunEvent.HostUnreachable u) {
            line(u.host()).doing = "unreachable";
        } else if (event instanceof RunEvent.BatchStarted b) {
            HostLine line = line(b.host());
            line.doing = "applying " + b.ids().get(0)
                    + (b.ids().size() > 1 ? " (+" + (b.ids().size() - 1) + ")" : "");
        } else if (event instanceof RunEvent.ResourceDone d) {
            HostLine line = line(d.host());
            line.done++;
            line.total = Math.max(line.total, line.done);
            line.failed += d.status() == ResourceStatus.FAILED ? 1 : 0;
            if (line.done == line.total && !line.doing.equals("unreachable")) {
                line.doing = line.failed > 0 ? line.failed + " failed" : "done";
            }
        }
    }

    private void draw() {
        List<Map.Entry<String, HostLine>> shown = new ArrayList<>(hosts.entrySet());
        if (shown.size() > MAX_LINES) {
            long cutoff = shown.stream()
                    .mapToLong(e -> e.getValue().active)
                    .sorted()
                    .skip(shown.size() - (MAX_LINES - 1))
                    .findFirst()
                    .orElse(0);
            shown.removeIf(e -> e.getValue().active < cutoff);
        }
        for (Map.Entry<String, HostLine> e : shown) {
            HostLine h = e.getValue();
            int filled = h.total == 0 ? 0 : Math.min(BAR, h.done * BAR / h.total);
            String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
            String text = TerminalText.safe(
                    String.format("%-12s [%s] %3d/%-3d %s", e.getKey(), bar, h.done, h.total, h.doing));
            out.print(colour && h.failed > 0 ? "\u001b[31m" + text + "\u001b[0m\n" : text + "\n");
        }
        drawn = shown.size();
        if (shown.size() < hosts.size()) {
            int done = (int) hosts.values().stream()
                    .filter(h -> h.total > 0 && h.done == h.total)
                    .count();
            out.print(String.format(
                    "… %d more hosts; %d of %d hosts finished%n", hosts.size() - shown.size(), done, hosts.size()));
            drawn++;
        }
    }

    private void erase() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "A");
            for (int i = 0; i < drawn; i++) {
                out.print("\u001b[2K\n");
            }
            out.print("\u001b[" + drawn + "A");
            drawn = 0;
        }
    }

    /** For tests: the lines the display would draw now. */
    synchronized List<String> snapshot() {
        return hosts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().done + "/" + e.getValue().total + " " + e.getValue().doing)
                .toList();
    }
}
