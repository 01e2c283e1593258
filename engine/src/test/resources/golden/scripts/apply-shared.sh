N=0123456789abcdef
W=60
S=0
C=unknown
LD=; if [ -n "${CONVERGE_LOCK_FILE:-}" ]; then L=$CONVERGE_LOCK_FILE; elif [ -w /run ]; then L=/run/converge.lock; else LD="${TMPDIR:-/tmp}/converge-$(id -u)"; L=$LD/lock; fi
cf_private() {
  [ -z "$LD" ] || { [ -d "$LD" ] && [ ! -L "$LD" ] && [ -O "$LD" ]; }
}
cv_lockdir() {
  [ -n "$LD" ] || return 0
  mkdir -m 700 -- "$LD" 2>/dev/null
  if cf_private; then return 0; fi
  echo "@@$N refused $LD is not a directory of $(id -un)'s own (another user made it, or it is a link); nothing was changed; remove it, or set TMPDIR or CONVERGE_LOCK_FILE to a directory of this user's"
  return 75
}
P="$L.handlers"
cv_main() {
umask 022
trap '' HUP PIPE INT
t=$(mktemp -d) || exit 90
trap 'rm -rf "$t"' EXIT
cv_err() {
  printf 'converge: %s\n' "$*" >&2
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
      printf '%s\nmask::%s\n' "$ka" "$km" | setfacl -n -M - -- "$2" || cv_err "cannot copy the ACL of $1" || return 1
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
  if [ -n "$3$4" ] && [ "$fw" != 1 ]; then cv_own "$tmp" "$o" "$g"; else cv_own "$tmp" "$o" "$g" 2>/dev/null || :; fi \
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
cv_report() {
  echo "@@$N R $1 $2"
  if [ -s "$t/o$1" ]; then base64 < "$t/o$1" | tr -d '\n'; fi; echo
  if [ -s "$t/e$1" ]; then base64 < "$t/e$1" | tr -d '\n'; fi; echo
}
cv_share() {
  cat -- "$t/o$1" >> "$t/o$2"; cat -- "$t/e$1" >> "$t/e$2"
}
cv_holder() {
  printf 'pid=%s since=%s controller=%s run=%s\n' "$$" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$C" "$N"
}
cv_lock() {
  if command -v flock >/dev/null 2>&1; then
    if ! flock -w "$W" 9; then
      echo "@@$N locked $(head -c 400 -- "$L" 2>/dev/null | tr '\n' ' ')"; return 1
    fi
    cv_holder > "$L"
    return 0
  fi
  i=0
  until mkdir -- "$L.d" 2>/dev/null; do
    h=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' -- "$L.d/holder" 2>/dev/null)
    if [ -n "$h" ] && ! kill -0 "$h" 2>/dev/null; then rm -rf -- "$L.d"; continue; fi
    i=$((i + 1))
    if [ "$i" -gt "$W" ]; then echo "@@$N locked $(head -c 400 -- "$L.d/holder" 2>/dev/null | tr '\n' ' ')"; return 1; fi
    sleep 1
  done
  cv_holder > "$L.d/holder"
  trap 'rm -rf "$t" "$L.d"' EXIT
}
cv_clean() {
  p=$1
  if [ -L "$p" ]; then p=$(readlink -f -- "$p") || return 0; fi
  case $p in */*) d=${p%/*} ;; *) d=. ;; esac
  for f in "$d/.${p##*/}".converge-*.tmp; do
    [ -f "$f" ] && [ ! -L "$f" ] && rm -f -- "$f" && echo "@@$N leftover $f"
  done
  return 0
}
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
      [ "$cv_pk" = 0 ] || printf '%s\n' "$cv_pl"
    done < "$P" > "$cv_pq" || { rm -f -- "$cv_pq"; return 1; }
  fi
  if [ "$cv_po" = add ]; then printf '%s\n' "$@" >> "$cv_pq" || { rm -f -- "$cv_pq"; return 1; }; fi
  if [ -s "$cv_pq" ]; then
    sync -- "$cv_pq" 2>/dev/null
    mv -f -- "$cv_pq" "$P" || { rm -f -- "$cv_pq"; return 1; }
  else
    rm -f -- "$cv_pq" "$P"
  fi
}
cv_kids() {
  if command -v pgrep >/dev/null 2>&1; then pgrep -P "$1"; return 0; fi
  for s in /proc/[0-9]*/stat; do
    { read -r x < "$s"; } 2>/dev/null || continue
    x=${x##*) }; x=${x#* }
    [ "${x%% *}" != "$1" ] || { s=${s#/proc/}; echo "${s%/stat}"; }
  done
}
cv_tree() {
  echo "$1"
  for c in $(cv_kids "$1" 2>/dev/null); do cv_tree "$c"; done
}
cv_run() {
  ( "cv_$1" ) 9>&- </dev/null >>"$t/o$2" 2>>"$t/e$2" &
  p=$!
  if [ "$S" -gt 0 ]; then
    # shellcheck disable=SC2086 # $k below is a list of pids
    ( exec 9>&- >/dev/null 2>&1 </dev/null
      n=0
      while [ "$n" -lt "$S" ]; do
        sleep 1; [ -d "$t" ] && [ ! -e "$t/done.$1" ] || exit 0; n=$((n + 1))
      done
      kill -0 "$p" || exit 0; : > "$t/timeout.$1"
      k=$(cv_tree "$p"); kill -TERM $k; sleep 2; kill -KILL $k ) &
    w=$!
  fi
  wait "$p"; s=$?
  : > "$t/done.$1"
  if [ -e "$t/timeout.$1" ]; then
    wait "$w"; s=124; echo "converge: stopped after its timeout of $S s" >> "$t/e$2"
  fi
  return "$s"
}
cv_lock || exit 75
cv_clean /etc/systemd/system/a.service
r0=skip
if true; then r0=0; cv_run s0a 0; r0=$?; fi
r1=skip
if true && [ "$r0" = 0 ]; then r1=0; fi
if { false || [ "$r0" = 0 ] || [ "$r1" = 0 ]; }; then
cv_run g0 g0; g=$?
if [ "$r0" = 0 ]; then r0=$g; cv_share g0 0; fi
if [ "$r1" = 0 ]; then r1=$g; cv_share g0 1; fi
fi
if [ "$r0" = skip ]; then echo "@@$N R 0 skip"; else cv_report 0 "$r0"; fi
if [ "$r1" = skip ]; then echo "@@$N R 1 skip"; else cv_report 1 "$r1"; fi
r2=skip
if true && [ "$r1" = 0 ]; then r2=0; cv_run s2a 2; r2=$?; fi
r3=skip
if true && [ "$r2" = 0 ]; then r3=0; fi
if { false || [ "$r2" = 0 ] || [ "$r3" = 0 ]; }; then
cv_run g1 g1; g=$?
if [ "$r2" = 0 ]; then r2=$g; cv_share g1 2; fi
if [ "$r3" = 0 ]; then r3=$g; cv_share g1 3; fi
fi
if [ "$r2" = 0 ]; then
if true; then cv_run s2b 2; r2=$?
else r2=1; echo 'converge: its operations after the shared command did not run: a resource it depends on failed' >> "$t/e2"; fi
fi
if [ "$r2" = skip ]; then echo "@@$N R 2 skip"; else cv_report 2 "$r2"; fi
if [ "$r3" = 0 ]; then
if true && [ "$r2" = 0 ]; then cv_run s3b 3; r3=$?
else r3=1; echo 'converge: its operations after the shared command did not run: a resource it depends on failed' >> "$t/e3"; fi
fi
if [ "$r3" = skip ]; then echo "@@$N R 3 skip"; else cv_report 3 "$r3"; fi
echo "@@$N end"
}
cv_s0a() {
apt-get update || return $?
}
cv_g0() {
set --
if { false || [ "$r0" = 0 ]; }; then set -- "$@" nfs-common; fi
if { false || [ "$r0" = 0 ] || [ "$r1" = 0 ]; }; then set -- "$@" rpcbind; fi
if { false || [ "$r1" = 0 ]; }; then set -- "$@" nfs-kernel-server; fi
apt-get -q -y install -- "$@" || return $?
}
cv_s2a() {
cv_write /etc/systemd/system/a.service 0644 '' '' absent 0 0 <<'CONVERGE_0123456789abcdef' || return $?
W1VuaXRdCg==
CONVERGE_0123456789abcdef
}
cv_g1() {
set --
systemctl daemon-reload "$@" || return $?
}
cv_s2b() {
systemctl start -- a.service || return $?
}
cv_s3b() {
systemctl restart -- b.service || return $?
}
cv_start() { cv_lockdir || exit $?; cv_main 9>>"$L" || exit $?; }
cv_start
