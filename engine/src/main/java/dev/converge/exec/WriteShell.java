package dev.converge.exec;

import dev.converge.gather.GatherScript;

/**
 * The shell functions that change files on a host, shared by every apply script: POSIX {@code sh}
 * (dash, bash as {@code sh}, BusyBox ash) with only the commands listed in
 * docs/host-requirements.md. No function relies on {@code set -e}: every failure is tested and
 * returned, with a {@code converge: ...} line on standard error that names the path.
 *
 * <ul>
 * <li>{@code cv_write PATH MODE OWNER GROUP READ_AS FOLLOW BACKUP} (content as base64 on stdin):
 *     compare-and-swap (the file must still hold what the write was planned from: SHA-256,
 *     {@code absent} or {@code other}); a private temp file beside it created by the shell with
 *     {@code O_EXCL} ({@code set -C}) under a umask giving the final mode from its first byte;
 *     {@code chown -h} to numeric ids (never through a link); xattrs, POSIX ACLs and the SELinux
 *     label of the old file copied where the tools exist; fsync; rename.</li>
 * <li>{@code cv_resolve PATH FOLLOW} ({@link dev.converge.gather.GatherScript#LINK_RULE}, shared with
 *     the gather): a symlink at PATH is followed only into a file of the link's own owner, and only
 *     out of a directory that neither group nor others can write and that root or the running user
 *     owns, unless FOLLOW is 1. A followed target's owner is kept.</li>
 * <li>{@code cv_dirs PATH FOLLOW}: the same rule for every symlinked directory on the way to
 *     PATH, checked by every operation on a path ({@code cv_write}, {@code cv_dir}, {@code cv_attr},
 *     {@code cv_rm}).</li>
 * <li>Backups ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}, Ansible's names) are written like any file:
 *     private temp, rename, so a link planted at the backup name is replaced, never written through.</li>
 * </ul>
 */
final class WriteShell {
    private WriteShell() {}

    static final String FUNCTIONS = GatherScript.LINK_RULE + """
            cv_digest() {
              if [ -L "$1" ]; then echo other
              elif [ -f "$1" ]; then h=$(sha256sum < "$1") || return 1; echo "${h%% *}"
              elif [ -e "$1" ]; then echo other
              else echo absent; fi
            }
            cv_short() {
              case $1 in ????????????????????????????????????????????????????????????????) echo "sha256:${1%"${1#????????????}"}" ;; *) echo "$1" ;; esac
            }
            cv_umask() {
              u=$(( 0777 & ~0$1 )); u=0$(( (u >> 6) & 7 ))$(( (u >> 3) & 7 ))$(( u & 7 ))
            }
            cv_own() {
              if [ -n "$2" ] && [ -n "$3" ]; then chown -h "$2:$3" -- "$1"
              elif [ -n "$2" ]; then chown -h "$2" -- "$1"
              elif [ -n "$3" ]; then chgrp -h "$3" -- "$1"; fi
            }
            cv_attr() {
              cv_dirs "$1" 0 && cv_resolve "$1" 0 || return 1
              if [ "$fw" = 1 ] && [ -n "$3$4" ]; then
                cv_err "$1 is a symlink to $p; converge never changes the owner of a link's target"; return 1
              fi
              { [ -z "$2" ] || chmod "$2" -- "$p"; } && cv_own "$p" "$3" "$4"
            }
            cv_dir() {
              cv_dirs "$1/." 0 && mkdir -p -- "$1" && cv_attr "$1" "$2" "$3" "$4"
            }
            cv_rm() {
              cv_dirs "$1" 0 && rm -rf -- "$1"
            }
            cv_keep() {
              k=; ka=1
              if command -v getfattr >/dev/null 2>&1 && command -v setfattr >/dev/null 2>&1; then
                ka=0
                getfattr -h -d -m - -e hex --absolute-names -- "$1" 2>/dev/null > "$t/x" || : > "$t/x"
                while IFS= read -r l; do
                  case $l in
                    "#"*|"") ;;
                    system.posix_acl_access=*) ka=1 ;;
                    system.posix_acl_*=*) ;;
                    *=*) setfattr -h -n "${l%%=*}" -v "${l#*=}" -- "$2" || cv_err "cannot copy the attribute ${l%%=*} of $1" || return 1
                         k="$k ${l%%=*}" ;;
                  esac
                done < "$t/x"
              fi
              if [ "$ka" = 1 ] && command -v getfacl >/dev/null 2>&1 && command -v setfacl >/dev/null 2>&1; then
                ka=$(getfacl -cpE -- "$1" 2>/dev/null | sed -e '/^user::/d' -e '/^group::/d' -e '/^other::/d' -e '/^mask::/d' -e '/^$/d')
                if [ -n "$ka" ]; then
                  kg=$(( (0$3 >> 3) & 7 )); km=
                  if [ $(( kg & 4 )) = 0 ]; then km=-; else km=r; fi
                  if [ $(( kg & 2 )) = 0 ]; then km=$km-; else km=${km}w; fi
                  if [ $(( kg & 1 )) = 0 ]; then km=$km-; else km=${km}x; fi
                  printf '%s\\nmask::%s\\n' "$ka" "$km" | setfacl -n -M - -- "$2" || cv_err "cannot copy the ACL of $1" || return 1
                  k=" acl$k"
                fi
              fi
              [ -z "$k" ] || echo "converge: kept$k of $1"
            }
            cv_backup() {
              b="$1.$$.$(date +%Y-%m-%d@%H:%M:%S)~"
              bt="$d/.${b##*/}.converge-$N.tmp"
              cv_umask "$2"
              if ( umask "$u" && set -C && cat -- "$1" > "$bt" ); then
                cv_own "$bt" "$3" "$4" 2>/dev/null
                mv -f -- "$bt" "$b" && echo "converge: backup of $1 kept as $b" && return 0
              fi
              rm -f -- "$bt"; cv_err "cannot back up $1 to $b"
            }
            cv_write() {
              cv_dirs "$1" "$6" && cv_resolve "$1" "$6" || return 1
              cv_dirof "$p"
              h=$(cv_digest "$p") || cv_err "cannot read $p to check that it is unchanged" || return 1
              if [ "$h" != "$5" ]; then
                cv_err "$1 changed since it was read ($(cv_short "$5") then, $(cv_short "$h") now); run again"; return 1
              fi
              if [ -e "$p" ] && [ ! -f "$p" ]; then cv_err "$p is not a regular file; not replacing it"; return 1; fi
              m=$2; ou=; og=
              if [ -f "$p" ]; then
                a=$(stat -c '%a %u %g' -- "$p") || cv_err "cannot stat $p" || return 1
                om=${a%% *}; a=${a#* }; ou=${a%% *}; og=${a#* }
                [ -n "$m" ] || m=$om
              fi
              [ -n "$m" ] || m=0644
              if [ "$fw" = 1 ]; then o=$ou; g=$og; else o=${3:-$ou}; g=${4:-$og}; fi
              tmp="$d/.${p##*/}.converge-$N.tmp"
              cv_umask "$m"
              ( umask "$u" && set -C && base64 -d > "$tmp" ) || { rm -f -- "$tmp"; cv_err "cannot write a temp file beside $p"; return 1; }
              if [ -n "$3$4" ] && [ "$fw" != 1 ]; then cv_own "$tmp" "$o" "$g"; else cv_own "$tmp" "$o" "$g" 2>/dev/null || :; fi \\
                || { rm -f -- "$tmp"; cv_err "cannot give $1 the owner ${o:-(kept)}:${g:-(kept)}"; return 1; }
              case $m in ????) [ "${m%???}" = 0 ] || chmod "$m" -- "$tmp" || { rm -f -- "$tmp"; cv_err "cannot set the mode $m"; return 1; } ;; esac
              if [ -f "$p" ]; then
                cv_keep "$p" "$tmp" "$m" || { rm -f -- "$tmp"; return 1; }
                if [ "$7" = 1 ]; then cv_backup "$p" "$om" "$ou" "$og" || { rm -f -- "$tmp"; return 1; }; fi
              fi
              sync -- "$tmp" 2>/dev/null
              mv -f -- "$tmp" "$p" || { rm -f -- "$tmp"; cv_err "cannot rename the temp file over $p"; return 1; }
              sync -- "$d" 2>/dev/null
              return 0
            }
            """;
}
