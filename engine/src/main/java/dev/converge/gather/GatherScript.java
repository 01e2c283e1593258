package dev.converge.gather;

import dev.converge.spi.Fact;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a host's facts into ONE POSIX shell script, run as {@code sh -s} with the script on
 * standard input. Sections of the answer start with a marker line holding a random nonce.
 *
 * <p>The script starts few processes, because on a busy fleet every {@code fork}+{@code exec}
 * on the host costs more than the bytes: kinds come from shell tests, the owner and mode of every
 * path from ONE {@code stat}, and the contents of every file and every command's output from ONE
 * {@code cat} of them all, with nonce marker files between them, encoded by ONE {@code base64}
 * (so any bytes survive and no content can fake a marker). Only if that {@code cat} fails (a file
 * vanished or is unreadable) is each part encoded on its own, to tell which one.
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
     * a managed path, reporting each; shared by the gather and the apply scripts. Directory and
     * name come from parameter expansion, not {@code dirname}/{@code basename} processes.
     */
    public static final String LEFTOVER_CLEANER = """
            cv_clean() {
              p=$1
              if [ -L "$p" ]; then p=$(readlink -f -- "$p") || return 0; fi
              case $p in */*) d=${p%/*} ;; *) d=. ;; esac
              for f in "$d/.${p##*/}".converge-*.tmp; do
                [ -f "$f" ] && [ ! -L "$f" ] && rm -f -- "$f" && echo "@@$N leftover $f"
              done
              return 0
            }
            """;

    /** The host facts {@code cf_host} prints ({@code name=value} lines), for {@code when:} and templates as {@code facts.NAME}. */
    public static final List<String> HOST_FACTS = List.of("hostname", "os_id", "os_version", "os_like", "init", "arch", "kernel", "user");

    static final String PRELUDE = """
            umask 077
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
            """ + LEFTOVER_CLEANER.replace("cv_clean", "cf_clean") + """
            cf_mark() {
              printf '\\n@@%s %s\\n' "$N" "$1" > "$t/m$1"
            }
            cf_kind() {
              if [ -L "$2" ] && [ ! -e "$2" ]; then k=link; elif [ -d "$2" ]; then k=directory; \
            elif [ -e "$2" ]; then k=other; else k=absent; fi
              echo "$1 $k"
            }
            cf_cmd() {
              i=$1; shift
              "$@" </dev/null >"$t/o$i" 2>"$t/e$i"
              echo "$i $?"; cf_mark "o$i"; cf_mark "e$i"
            }
            cf_cmd_in() {
              i=$1; shift
              base64 -d | "$@" >"$t/o$i" 2>"$t/e$i"
              echo "$i $?"; cf_mark "o$i"; cf_mark "e$i"
            }
            cf_lockrun() {
              [ -r "$L" ] || return 0
              while IFS= read -r l; do
                case $l in *" run="*) l=${l##* run=}; echo "${l%% *}"; return 0 ;; esac
              done < "$L"
            }
            cf_host() {
              h=; [ -r /proc/sys/kernel/hostname ] && read -r h < /proc/sys/kernel/hostname
              [ -n "$h" ] || h=$(hostname 2>/dev/null)
              echo "hostname=$h"
              if [ -r /etc/os-release ]; then
                (. /etc/os-release; echo "os_id=${ID:-}"; echo "os_version=${VERSION_ID:-}"; echo "os_like=${ID_LIKE:-}")
              fi
              if [ -d /run/systemd/system ]; then echo init=systemd
              elif command -v initctl >/dev/null 2>&1 && initctl version 2>/dev/null | grep -q upstart; then echo init=upstart
              else echo init=sysv; fi
              k=; [ -r /proc/sys/kernel/osrelease ] && read -r k < /proc/sys/kernel/osrelease
              [ -n "$k" ] || k=$(uname -r)
              echo "arch=$(uname -m)"; echo "kernel=$k"; echo "user=$(id -un)"
            }
            cf_blob() {
              if cat -- "$@" > "$t/blob" 2>/dev/null; then base64 -w0 -- "$t/blob"; echo; return 0; fi
              echo '!'
              while [ $# -gt 1 ]; do
                echo "@@$N part ${1##*/m}"; base64 -w0 -- "$2" 2>/dev/null || printf '!'; echo
                shift 2
              done
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
        section(script, nonce, "host").append("cf_host\n");
        // the run id of the last apply that held the host lock (verify tells another run's writes from a module bug)
        section(script, nonce, "lock").append("cf_lockrun\n");
        appendFileReads(script, nonce, facts);
        appendCommands(script, nonce, facts);
        section(script, nonce, "blob").append("cf_mark z; cf_blob \"$@\" \"$t/mz\"\n");
        section(script, nonce, "end");
        return script.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Kinds by shell tests; regular files join the one {@code cat} (its argument list is {@code $@}); one {@code stat}. */
    private static void appendFileReads(StringBuilder script, String nonce, List<Fact> facts) {
        section(script, nonce, "kinds").append("set --\n");
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i) instanceof Fact.FileRead f) {
                String path = ShellQuote.quote(f.path());
                script.append("if [ -f ").append(path).append(" ]; then echo '").append(i).append(" file'; cf_mark c").append(i)
                        .append("; set -- \"$@\" \"$t/mc").append(i).append("\" ").append(path)
                        .append("; else cf_kind ").append(i).append(' ').append(path).append("; fi\n");
                paths.append(' ').append(path);
            }
        }
        section(script, nonce, "stat");
        if (!paths.isEmpty()) {
            script.append("stat -L --printf '%a %U %G %n\\0' --").append(paths).append(" 2>/dev/null; echo\n");
        }
    }

    /** Each command runs once; its output files join the one {@code cat}. */
    private static void appendCommands(StringBuilder script, String nonce, List<Fact> facts) {
        section(script, nonce, "exits");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i) instanceof Fact.CommandRun command) {
                if (command.input().isEmpty()) {
                    script.append("cf_cmd ").append(i).append(' ').append(ShellQuote.join(command.argv()));
                } else {
                    script.append("cf_cmd_in ").append(i).append(' ').append(ShellQuote.join(command.argv()))
                            .append(" <<'CONVERGE_").append(nonce).append("'\n")
                            .append(base64(command.input())).append("\nCONVERGE_").append(nonce);
                }
                script.append("\nset -- \"$@\" \"$t/mo").append(i).append("\" \"$t/o").append(i)
                        .append("\" \"$t/me").append(i).append("\" \"$t/e").append(i).append("\"\n");
            }
        }
    }

    private static StringBuilder section(StringBuilder script, String nonce, String name) {
        return script.append("echo '@@").append(nonce).append(' ').append(name).append("'\n");
    }
}
