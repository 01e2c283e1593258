package dev.converge.gather;

import dev.converge.spi.Fact;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
     * writable (root), else {@code lock} in a private directory of the user's in {@code $TMPDIR}
     * ({@code LD}: {@code converge-UID}, mode 0700, made by the apply); {@code CONVERGE_LOCK_FILE} in
     * the remote environment overrides it. Shared by the gather and apply scripts, with
     * {@code cf_private}: true unless {@code LD} is set and is not a directory of this user's (one
     * another user planted, or a link): then neither script reads or writes anything in it.
     */
    public static final String LOCK_PATH = """
            LD=; if [ -n "${CONVERGE_LOCK_FILE:-}" ]; then L=$CONVERGE_LOCK_FILE; \
            elif [ -w /run ]; then L=/run/converge.lock; else LD="${TMPDIR:-/tmp}/converge-$(id -u)"; L=$LD/lock; fi
            cf_private() {
              [ -z "$LD" ] || { [ -d "$LD" ] && [ ! -L "$LD" ] && [ -O "$LD" ]; }
            }
            """;

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
    public static final List<String> HOST_FACTS =
            List.of("hostname", "os_id", "os_version", "os_like", "init", "pkg_manager", "arch", "kernel", "user");
    /**
     * The commands a host must have (docs/host-requirements.md); the gather names those missing
     * and reads nothing else. Besides them, {@code stat} must take {@code -c} (GNU or BusyBox).
     */
    public static final List<String> REQUIRED_COMMANDS = List.of(
            "base64",
            "cat",
            "chgrp",
            "chmod",
            "chown",
            "date",
            "id",
            "mkdir",
            "mktemp",
            "mv",
            "readlink",
            "rm",
            "sed",
            "sha256sum",
            "stat",
            "sync",
            "tr");

    /**
     * The symlink rule, shared by the gather and the apply: {@code cv_resolve PATH FOLLOW} sets
     * {@code p} to PATH, or to the target of a symlink at PATH (then {@code fw=1}) when FOLLOW is
     * 1 or the link is safe to follow: its directory is owned by root or the running user and
     * writable by neither group nor others, and the target is owned by the link's owner. Else it
     * fails, saying why, and follows nothing. {@code cv_dirs PATH FOLLOW} applies the same rule
     * to every symlinked directory on the way to PATH (a user who owns {@code /home/u} must not
     * turn {@code /home/u/.ssh} into a link to {@code /root/.ssh}).
     */
    public static final String LINK_RULE = """
            cv_err() {
              printf 'converge: %s\\n' "$*" >&2
              return 1
            }
            cv_dirof() {
              case $1 in */*) d=${1%/*} ;; *) d=. ;; esac
              [ -n "$d" ] || d=/
            }
            cv_resolve() {
              p=$1; fw=0
              [ -L "$1" ] || return 0
              q=$(readlink -f -- "$1") && [ -n "$q" ] || cv_err "$1 is a symlink that does not resolve; not following it" || return 1
              if [ "$2" != 1 ]; then
                cv_dirof "$1"
                lu=$(stat -c %u -- "$1") && ds=$(stat -L -c '%u %a' -- "$d") || cv_err "cannot stat the symlink $1 or its directory" || return 1
                tu=$(stat -L -c %u -- "$q" 2>/dev/null) || tu=none
                du=${ds%% *}; da=${ds#* }
                if { [ "$du" != 0 ] && [ "$du" != "$(id -u)" ]; } || [ $(( 0$da & 022 )) != 0 ]; then
                  cv_err "$1 is a symlink in $d, a directory other users can write; not following it to $q (follow: true writes the target)"; return 1
                fi
                if [ "$tu" != "$lu" ]; then
                  cv_err "$1 is a symlink to $q, which is not owned by the link's owner (uid $tu, link uid $lu); not following it (follow: true writes the target)"; return 1
                fi
              fi
              p=$q; fw=1
            }
            cv_dirs() {
              [ "$2" = 1 ] && return 0
              c=${1%/*}
              while [ -n "$c" ]; do
                if [ -L "$c" ]; then ( cv_resolve "$c" 0 ) || return 1; fi
                c=${c%/*}
              done
            }
            """;

    /** The default of the host variable {@code converge_max_file_bytes}: a larger file is not read (its resources fail). */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    static final String PRELUDE = """
            umask 077
            cf_need() {
              m=
              for c in %s; do
                command -v "$c" >/dev/null 2>&1 || m="$m $c"
              done
              [ -n "$m" ] || stat -c %%u / >/dev/null 2>&1 || m="$m stat(-c)"
              echo "missing$m"
              [ -z "$m" ]
            }
            """.formatted(String.join(" ", REQUIRED_COMMANDS)) + """
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
            """ + LINK_RULE
            + LEFTOVER_CLEANER.replace("cv_clean", "cf_clean")
            + """
            cf_st() {
              [ -n "$sl" ] || IFS= read -r sl <&8 || :
              r=${sl#* }; r=${r#* }; r=${r#* }; r=${r#* }
              if [ -n "$sl" ] && [ "$r" = "$1" ]; then z=${sl%% *}; sl=; else z=0; fi
            }
            cf_unsafe() {
              w=; IFS= read -r w < "$t/w"
              printf '%s unsafe %s\\n' "$1" "$w"
            }
            cf_file() {
              if ! cv_dirs "$2" "$3" 2>"$t/w"; then cf_unsafe "$1"; return 1; fi
              if [ -L "$2" ] && ! cv_resolve "$2" "$3" 2>"$t/w"; then cf_unsafe "$1"; return 1; fi
              if [ ! -r "$2" ]; then echo "$1 unreadable"; return 1; fi
              if [ "$z" -gt "$X" ]; then echo "$1 big $z"; return 1; fi
              echo "$1 file"
            }
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
              cf_private && [ -r "$L" ] || return 0
              while IFS= read -r l; do
                case $l in *" run="*) l=${l##* run=}; echo "${l%% *}"; return 0 ;; esac
              done < "$L"
            }
            cf_host() {
              hf_hostname=; [ -r /proc/sys/kernel/hostname ] && read -r hf_hostname < /proc/sys/kernel/hostname
              [ -n "$hf_hostname" ] || hf_hostname=$(hostname 2>/dev/null)
              hf_os_id=; hf_os_version=; hf_os_like=
              if [ -r /etc/os-release ]; then
                (. /etc/os-release; printf '%s\\n' "${ID:-}" "${VERSION_ID:-}" "${ID_LIKE:-}") > "$t/os"
                { read -r hf_os_id; read -r hf_os_version; read -r hf_os_like; } < "$t/os"
              fi
              if [ -d /run/systemd/system ]; then hf_init=systemd
              elif command -v initctl >/dev/null 2>&1 && initctl version 2>/dev/null | grep -q upstart; then hf_init=upstart
              else hf_init=sysv; fi
              if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then hf_pkg_manager=apt
              elif command -v dnf >/dev/null 2>&1; then hf_pkg_manager=dnf
              elif command -v yum >/dev/null 2>&1; then hf_pkg_manager=yum
              elif command -v apk >/dev/null 2>&1; then hf_pkg_manager=apk
              else hf_pkg_manager=none; fi
              hf_kernel=; [ -r /proc/sys/kernel/osrelease ] && read -r hf_kernel < /proc/sys/kernel/osrelease
              [ -n "$hf_kernel" ] || hf_kernel=$(uname -r)
              hf_arch=$(uname -m); hf_user=$(id -un)
              printf '%s\\n' HOST_FACTS_PRINT
            }
            cf_is() {
              cf_v=$1; shift
              for cf_w in "$@"; do [ "$cf_v" = "$cf_w" ] && return 0; done
              return 1
            }
            cf_blob() {
              if cat -- "$@" > "$t/blob" 2>/dev/null; then base64 < "$t/blob" | tr -d '\\n'; echo; return 0; fi
              echo '!'
              while [ $# -gt 1 ]; do
                echo "@@$N part ${1##*/m}"
                if cat -- "$2" > "$t/one" 2>/dev/null; then base64 < "$t/one" | tr -d '\\n'; else printf '!'; fi; echo
                shift 2
              done
            }
            """.replace(
                            "HOST_FACTS_PRINT",
                            String.join(
                                    " ",
                                    HOST_FACTS.stream()
                                            .map(f -> "\"" + f + "=$hf_" + f + "\"")
                                            .toList()));

    private GatherScript() {}

    /** Base64 in 76-character lines, as GNU {@code base64 -d} reads it. */
    public static String base64(String text) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
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
        return build(facts, nonce, removeLeftovers, DEFAULT_MAX_FILE_BYTES);
    }

    /** @param maxFileBytes a larger file is not read: its fact is an error (its resources fail) */
    public static byte[] build(List<Fact> facts, String nonce, boolean removeLeftovers, long maxFileBytes) {
        StringBuilder script = new StringBuilder("N=")
                .append(nonce)
                .append('\n')
                .append("X=")
                .append(maxFileBytes)
                .append('\n')
                .append(PRELUDE);
        // a host that lacks a required command says which, and nothing else is read
        section(script, nonce, "needs")
                .append("cf_need || { echo '@@")
                .append(nonce)
                .append(" end'; exit 0; }\n");
        // Leftover temp files of an interrupted apply (".NAME.converge-NONCE.tmp" beside a managed
        // file) are removed, but only when no apply holds the host lock (it may be writing them now).
        // (without flock, as on BusyBox: only when the apply's mkdir lock can be taken at once)
        script.append(LOCK_PATH).append("cf_leftovers() {\n:\n");
        for (Fact fact : facts) {
            if (fact instanceof Fact.FileRead f) {
                script.append("cf_clean ").append(ShellQuote.quote(f.path())).append('\n');
            }
        }
        script.append("}\n");
        if (removeLeftovers) {
            script.append(
                            "if ! cf_private; then :\n"
                                    + "elif command -v flock >/dev/null 2>&1; then ( flock -n 9 || exit 0; cf_leftovers ) 9>>\"$L\" 2>/dev/null\n")
                    .append("elif mkdir -- \"$L.d\" 2>/dev/null; then cf_leftovers; rmdir -- \"$L.d\"; fi\n");
        }
        section(script, nonce, "host").append("cf_host\n");
        // the run id of the last apply that held the host lock (verify tells another run's writes from a module bug)
        section(script, nonce, "lock").append("cf_lockrun\n");
        // handlers an earlier run notified here and that have not run successfully yet
        script.append(PendingHandlers.PATH).append(PendingHandlers.READER);
        section(script, nonce, "pending").append("cf_pending\n");
        appendFileReads(script, nonce, facts);
        appendCommands(script, nonce, facts);
        section(script, nonce, "blob").append("cf_mark z; cf_blob \"$@\" \"$t/mz\"\n");
        section(script, nonce, "end");
        return script.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One {@code stat} of every path first (size, mode, owner, group); then each path's kind by
     * shell tests, and the regular files that may be read (a symlink only when the link rule lets
     * it be followed, readable, at most {@code X} bytes) join the one {@code cat} (its argument
     * list is {@code $@}).
     */
    private static void appendFileReads(StringBuilder script, String nonce, List<Fact> facts) {
        StringBuilder paths = new StringBuilder();
        for (Fact fact : facts) {
            if (fact instanceof Fact.FileRead f) {
                paths.append(' ').append(ShellQuote.quote(f.path()));
            }
        }
        script.append(": > \"$t/st\"\n");
        if (!paths.isEmpty()) {
            script.append("stat -L -c '%s %a %U %G %n' --").append(paths).append(" > \"$t/st\" 2>/dev/null\n");
        }
        // the stat records travel in the blob (part "st"); they come in the order of the paths (a
        // path stat could not read has none): cf_st takes the next one when it is this path's
        section(script, nonce, "kinds").append("cf_mark st; set -- \"$t/mst\" \"$t/st\"; sl=; exec 8< \"$t/st\"\n");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i) instanceof Fact.FileRead f) {
                String path = ShellQuote.quote(f.path());
                script.append("cf_st ")
                        .append(path)
                        .append("; if [ -f ")
                        .append(path)
                        .append(" ]; then if cf_file ")
                        .append(i)
                        .append(' ')
                        .append(path)
                        .append(f.follow() ? " 1" : " 0")
                        .append("; then cf_mark c")
                        .append(i)
                        .append("; set -- \"$@\" \"$t/mc")
                        .append(i)
                        .append("\" ")
                        .append(path)
                        .append("; fi; else cf_kind ")
                        .append(i)
                        .append(' ')
                        .append(path)
                        .append("; fi\n");
            }
        }
        script.append("exec 8<&-\n");
    }

    /** Each command runs once; its output files join the one {@code cat}. */
    private static void appendCommands(StringBuilder script, String nonce, List<Fact> facts) {
        section(script, nonce, "exits");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i) instanceof Fact.CommandRun command) {
                Fact.When when = command.when();
                if (!when.always()) {
                    if (!HOST_FACTS.contains(when.hostFact())) {
                        throw new IllegalArgumentException(
                                "no host fact " + when.hostFact() + " (known: " + HOST_FACTS + ")");
                    }
                    script.append("if cf_is \"$hf_").append(when.hostFact()).append('"');
                    when.values().stream()
                            .sorted()
                            .forEach(v -> script.append(' ').append(ShellQuote.quote(v)));
                    script.append("; then\n");
                }
                if (command.input().isEmpty()) {
                    script.append("cf_cmd ").append(i).append(' ').append(ShellQuote.join(command.argv()));
                } else {
                    script.append("cf_cmd_in ")
                            .append(i)
                            .append(' ')
                            .append(ShellQuote.join(command.argv()))
                            .append(" <<'CONVERGE_")
                            .append(nonce)
                            .append("'\n")
                            .append(base64(command.input()))
                            .append("\nCONVERGE_")
                            .append(nonce);
                }
                script.append("\nset -- \"$@\" \"$t/mo")
                        .append(i)
                        .append("\" \"$t/o")
                        .append(i)
                        .append("\" \"$t/me")
                        .append(i)
                        .append("\" \"$t/e")
                        .append(i)
                        .append("\"\n");
                if (!when.always()) {
                    script.append("else echo '").append(i).append(" skip'; fi\n");
                }
            }
        }
    }

    private static StringBuilder section(StringBuilder script, String nonce, String name) {
        return script.append("echo '@@").append(nonce).append(' ').append(name).append("'\n");
    }
}
