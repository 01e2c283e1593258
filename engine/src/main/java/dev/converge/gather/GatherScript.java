package dev.converge.gather;

import dev.converge.spi.Fact;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a host's facts into ONE POSIX shell script, run as {@code sh -s} with the script on
 * standard input. Every section starts with a marker line holding a random nonce; contents and
 * outputs travel base64-encoded, so any bytes survive and no output can fake a marker.
 */
public final class GatherScript {
    /**
     * Sets {@code L} to the host's converge lock file: {@code /run/converge.lock} when {@code /run} is
     * writable (root), else one per user in {@code $TMPDIR};
     * {@code CONVERGE_LOCK_FILE} in the remote environment overrides it. Shared by the gather and apply scripts.
     */
    public static final String LOCK_PATH = "if [ -n \"${CONVERGE_LOCK_FILE:-}\" ]; then L=$CONVERGE_LOCK_FILE; "
            + "elif [ -w /run ]; then L=/run/converge.lock; else L=\"${TMPDIR:-/tmp}/converge-$(id -u).lock\"; fi\n";

    /**
     * Removes the temp files ({@code .NAME.converge-NONCE.tmp}) an interrupted apply left beside
     * a managed path, reporting each; shared by the gather and the apply scripts.
     */
    public static final String LEFTOVER_CLEANER = """
            cv_clean() {
              p=$1
              if [ -L "$p" ]; then p=$(readlink -f -- "$p") || return 0; fi
              for f in "$(dirname -- "$p")/.$(basename -- "$p")".converge-*.tmp; do
                [ -f "$f" ] && [ ! -L "$f" ] && rm -f -- "$f" && echo "@@$N leftover $f"
              done
              return 0
            }
            """;

    static final String PRELUDE = """
            umask 077
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
            """ + LEFTOVER_CLEANER.replace("cv_clean", "cf_clean") + """
            cf_file() {
              if [ -f "$1" ]; then k=file; elif [ -L "$1" ] && [ ! -e "$1" ]; then k=link; \
            elif [ -d "$1" ]; then k=directory; elif [ -e "$1" ]; then k=other; else echo absent; return 0; fi
              echo "$k $(stat -L -c '%a %U %G' -- "$1" 2>/dev/null || echo '- - -')"
              if [ "$k" = file ]; then base64 -w0 -- "$1" 2>/dev/null || printf '!'; echo; fi
            }
            cf_cmd() {
              "$@" </dev/null >"$t/o" 2>"$t/e"
              echo "exit $?"; base64 -w0 "$t/o"; echo; base64 -w0 "$t/e"; echo
            }
            cf_cmd_in() {
              base64 -d | "$@" >"$t/o" 2>"$t/e"
              echo "exit $?"; base64 -w0 "$t/o"; echo; base64 -w0 "$t/e"; echo
            }
            cf_host() {
              echo "hostname=$(hostname 2>/dev/null)"
              if [ -r /etc/os-release ]; then
                (. /etc/os-release; echo "os_id=${ID:-}"; echo "os_version=${VERSION_ID:-}"; echo "os_like=${ID_LIKE:-}")
              fi
              if [ -d /run/systemd/system ]; then echo init=systemd
              elif command -v initctl >/dev/null 2>&1 && initctl version 2>/dev/null | grep -q upstart; then echo init=upstart
              else echo init=sysv; fi
              echo "arch=$(uname -m)"; echo "kernel=$(uname -r)"; echo "user=$(id -un)"
            }
            """;

    private GatherScript() {}

    /** Base64 in 76-character lines, as GNU {@code base64 -d} reads it. */
    public static String base64(String text) {
        return java.util.Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The script reading {@code facts} (in this order) and the host facts, marked with {@code nonce}. */
    public static byte[] build(List<Fact> facts, String nonce) {
        return build(facts, nonce, true);
    }

    /**
     * @param removeLeftovers remove leftover temp files of the managed paths (never with --check,
     *     which changes nothing)
     */
    public static byte[] build(List<Fact> facts, String nonce, boolean removeLeftovers) {
        StringBuilder script = new StringBuilder("N=").append(nonce).append('\n').append(PRELUDE);
        // Leftover temp files of an interrupted apply (".NAME.converge-NONCE.tmp" beside a managed
        // file) are removed, but only when no apply holds the host lock (it may be writing them now).
        script.append(LOCK_PATH).append("if ").append(removeLeftovers ? "" : "false && ").append("command -v flock >/dev/null 2>&1; then ( flock -n 9 || exit 0\n");
        for (Fact fact : facts) {
            if (fact instanceof Fact.FileRead f) {
                script.append("  cf_clean ").append(ShellQuote.quote(f.path())).append('\n');
            }
        }
        script.append(") 9>>\"$L\" 2>/dev/null; fi\n");
        script.append("echo '@@").append(nonce).append(" host'; cf_host\n");        // the run id of the last apply that held the host lock (verify tells another run's writes from a module bug)
        script.append("echo '@@").append(nonce).append(" lock'; sed -n 's/.* run=\\([0-9a-f]*\\).*/\\1/p' \"$L\" 2>/dev/null | head -n 1\n");

        for (int i = 0; i < facts.size(); i++) {
            script.append("echo '@@").append(nonce).append(' ').append(i).append("'; ");
            Fact fact = facts.get(i);
            if (fact instanceof Fact.FileRead f) {
                script.append("cf_file ").append(ShellQuote.quote(f.path()));
            } else {
                Fact.CommandRun command = (Fact.CommandRun) fact;
                if (command.input().isEmpty()) {
                    script.append("cf_cmd ").append(ShellQuote.join(command.argv()));
                } else {
                    script.append("cf_cmd_in ").append(ShellQuote.join(command.argv())).append(" <<'CONVERGE_").append(nonce).append("'\n")
                            .append(base64(command.input())).append("\nCONVERGE_").append(nonce);
                }
            }
            script.append('\n');
        }
        script.append("echo '@@").append(nonce).append(" end'\n");
        return script.toString().getBytes(StandardCharsets.UTF_8);
    }
}
