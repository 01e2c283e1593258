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
    static final String PRELUDE = """
            umask 077
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
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
        StringBuilder script = new StringBuilder(PRELUDE);
        script.append("echo '@@").append(nonce).append(" host'; cf_host\n");
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
