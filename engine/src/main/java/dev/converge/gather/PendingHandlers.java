package dev.converge.gather;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Handlers notified on a host that have not run successfully yet (their run failed, or the run
 * failed or was cut before them), recorded ON THE HOST in a small state file beside the host lock
 * ({@code $L.handlers}: {@code /run/converge.lock.handlers} by default), one {@code HOST<TAB>ID}
 * line each. The apply script adds a handler's line as soon as a resource that notifies it
 * succeeds, and removes it once the handler itself succeeds; the gather reads the file, and the
 * next run runs what it names ("pending from an earlier run").
 *
 * <p>The file is rewritten like a managed file: a private temp file beside it ({@code mktemp}:
 * {@code O_EXCL}, mode 0600), synced, renamed over it, so it is always the old or the new list; a
 * symlink planted at its name is never read through nor written through (it is removed first; one
 * that cannot be removed, as another user's in a sticky {@code /tmp}, is refused), and a directory
 * there is refused, as is a file another user owns (neither read nor replaced). Where the connecting
 * user cannot write {@code /run}, it lives in the user's private lock directory ({@link
 * GatherScript#LOCK_PATH}), and nothing is read from one another user made.
 */
public final class PendingHandlers {
    private PendingHandlers() {}

    /** Sets {@code P} to the state file; follows {@link GatherScript#LOCK_PATH}, which sets {@code L}. */
    public static final String PATH = "P=\"$L.handlers\"\n";

    /**
     * The gather's reader: the file's lines when it is a regular file of the running user's (not a
     * link, not one another user planted), in a lock directory that is the user's own.
     */
    static final String READER = """
            cf_pending() {
              if cf_private && [ -f "$P" ] && [ ! -L "$P" ] && [ -O "$P" ] && [ -r "$P" ]; then cat -- "$P"; fi
              return 0
            }
            """;

    /**
     * The apply script's writer: {@code cv_pending add|del LINE...}. Every line given is first
     * removed from the list, then (for {@code add}) appended, so a line is never listed twice.
     */
    public static final String WRITER = """
            cv_pending() {
              cv_po=$1; shift
              if [ -L "$P" ]; then rm -f -- "$P" 2>/dev/null; fi
              if [ -L "$P" ] || { [ -e "$P" ] && [ ! -f "$P" ]; }; then
                echo "converge: $P is not a regular file (a link or a directory planted there?); pending handlers not recorded" >&2; return 1
              fi
              if [ -e "$P" ] && [ ! -O "$P" ]; then
                echo "converge: $P belongs to another user (planted there?); pending handlers not recorded; remove it" >&2; return 1
              fi
              cv_pq=$(mktemp "$P.XXXXXX") || return 1
              if [ -f "$P" ] && [ ! -L "$P" ]; then
                while IFS= read -r cv_pl || [ -n "$cv_pl" ]; do
                  cv_pk=1
                  for cv_pi in "$@"; do [ "$cv_pl" != "$cv_pi" ] || cv_pk=0; done
                  [ "$cv_pk" = 0 ] || printf '%s\\n' "$cv_pl"
                done < "$P" > "$cv_pq" || { rm -f -- "$cv_pq"; return 1; }
              fi
              if [ "$cv_po" = add ]; then printf '%s\\n' "$@" >> "$cv_pq" || { rm -f -- "$cv_pq"; return 1; }; fi
              if [ -s "$cv_pq" ]; then
                sync -- "$cv_pq" 2>/dev/null
                mv -f -- "$cv_pq" "$P" || { rm -f -- "$cv_pq"; return 1; }
              else
                rm -f -- "$cv_pq" "$P"
              fi
            }
            """;

    /** The line that records {@code id} pending on {@code host}. */
    public static String line(String host, String id) {
        return host + "\t" + id;
    }

    /** The ids of the handlers pending on {@code host}, among the file's lines. */
    public static Set<String> of(List<String> lines, String host) {
        Set<String> out = new LinkedHashSet<>();
        String prefix = host + "\t";
        for (String l : lines) {
            if (l.startsWith(prefix) && l.length() > prefix.length()) {
                out.add(l.substring(prefix.length()));
            }
        }
        return out;
    }
}
