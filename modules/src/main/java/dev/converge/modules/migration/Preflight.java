package dev.converge.modules.migration;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The libvirt driver's read-only preflight, read in the gather (so {@code --check} runs it): on
 * the host where the domain runs, whether the target's libvirtd answers at the URI (virsh's own
 * error when not, the cause first), the memory the domain uses and the target's free memory.
 * On a host where it does not run, it only says so (no connection). A constant script: the
 * values are positional arguments.
 */
final class Preflight {
    /** virsh's errors in a file, the most specific (its last line: the cause) first, on one line. */
    static final String VERRORS = """
            verrors() {
              awk '{ sub(/\\r$/, ""); sub(/.*\\r/, "") } /^error: / { sub(/^error: /, ""); e[++n] = $0 } NF { last = $0 }
                   END { if (n == 0) printf "%s", last; for (i = n; i > 0; i--) printf "%s%s", e[i], (i > 1 ? "; " : "") }' "$1"
            }
            """;

    /** Prints {@code state WORD}; on the domain's host also {@code reach ok|ERROR}, {@code need KIB}, {@code free KIB}. */
    static final String SCRIPT = VERRORS + """
            vm=$1 uri=$2
            state=$(virsh -q domstate "$vm" 2>/dev/null | head -n 1)
            echo "state ${state:-not defined}"
            [ "$state" = running ] || exit 0
            if command -v timeout >/dev/null 2>&1; then w="timeout 20"; else w=; fi
            e=$(mktemp) || exit 1
            # shellcheck disable=SC2086 # $w is the optional timeout command
            if $w virsh -c "$uri" hostname >/dev/null 2>"$e"; then echo "reach ok"; else echo "reach $(verrors "$e")"; fi
            echo "need $(virsh dominfo "$vm" 2>/dev/null | awk '$1 == "Used" && $2 == "memory:" {print $3}')"
            # shellcheck disable=SC2086
            echo "free $($w virsh -c "$uri" nodememstats 2>/dev/null | awk '$1 == "free" {print $3}')"
            rm -f "$e"
            exit 0
            """;

    private Preflight() {}

    static Fact.CommandRun fact(LiveMigrationParams p) {
        return new Fact.CommandRun(
                List.of("sh", "-c", SCRIPT, "live_migration-preflight", p.instance(), p.uriOrDefault()));
    }

    /** Why the migration would be refused, from the preflight's output on the source host; empty when it may go. */
    static Optional<String> refusal(CommandOutput out, LiveMigrationParams p) {
        if (!out.succeeded()) {
            return Optional.of("preflight: the check could not run (exit " + out.exitCode() + ": "
                    + out.stderr().strip() + ")");
        }
        Map<String, String> words = new LinkedHashMap<>();
        out.stdout().lines().forEach(l -> {
            int sp = l.indexOf(' ');
            words.put(
                    sp < 0 ? l : l.substring(0, sp),
                    sp < 0 ? "" : l.substring(sp + 1).strip());
        });
        String reach = words.getOrDefault("reach", "");
        if (!reach.equals("ok")) {
            return Optional.of("virsh: " + (reach.isEmpty() ? "no answer" : reach) + " (preflight: libvirtd on "
                    + p.to() + " does not answer at " + p.uriOrDefault()
                    + "; is it listening for TCP and is port 16509 open?)");
        }
        long need = number(words.get("need"));
        long free = number(words.get("free"));
        if (need > 0 && free >= 0 && free < need) {
            return Optional.of(
                    "preflight: " + p.to() + " has " + free + " KiB free, " + p.instance() + " needs " + need + " KiB");
        }
        return Optional.empty();
    }

    private static long number(String text) {
        try {
            return text == null || text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
