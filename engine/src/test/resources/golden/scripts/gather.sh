N=0123456789abcdef
X=67108864
umask 077
cf_need() {
  m=
  for c in base64 cat chgrp chmod chown date id mkdir mktemp mv readlink rm sed sha256sum stat sync tr; do
    command -v "$c" >/dev/null 2>&1 || m="$m $c"
  done
  [ -n "$m" ] || stat -c %u / >/dev/null 2>&1 || m="$m stat(-c)"
  echo "missing$m"
  [ -z "$m" ]
}
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
cf_clean() {
  p=$1
  if [ -L "$p" ]; then p=$(readlink -f -- "$p") || return 0; fi
  case $p in */*) d=${p%/*} ;; *) d=. ;; esac
  for f in "$d/.${p##*/}".converge-*.tmp; do
    [ -f "$f" ] && [ ! -L "$f" ] && rm -f -- "$f" && echo "@@$N leftover $f"
  done
  return 0
}
cf_st() {
  [ -n "$sl" ] || IFS= read -r sl <&8 || :
  r=${sl#* }; r=${r#* }; r=${r#* }; r=${r#* }
  if [ -n "$sl" ] && [ "$r" = "$1" ]; then z=${sl%% *}; sl=; else z=0; fi
}
cf_unsafe() {
  w=; IFS= read -r w < "$t/w"
  printf '%s unsafe %s\n' "$1" "$w"
}
cf_file() {
  if ! cv_dirs "$2" "$3" 2>"$t/w"; then cf_unsafe "$1"; return 1; fi
  if [ -L "$2" ] && ! cv_resolve "$2" "$3" 2>"$t/w"; then cf_unsafe "$1"; return 1; fi
  if [ ! -r "$2" ]; then echo "$1 unreadable"; return 1; fi
  if [ "$z" -gt "$X" ]; then echo "$1 big $z"; return 1; fi
  echo "$1 file"
}
cf_mark() {
  printf '\n@@%s %s\n' "$N" "$1" > "$t/m$1"
}
cf_kind() {
  if [ -L "$2" ] && [ ! -e "$2" ]; then k=link; elif [ -d "$2" ]; then k=directory; elif [ -e "$2" ]; then k=other; else k=absent; fi
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
    (. /etc/os-release; printf '%s\n' "${ID:-}" "${VERSION_ID:-}" "${ID_LIKE:-}") > "$t/os"
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
  printf '%s\n' "hostname=$hf_hostname" "os_id=$hf_os_id" "os_version=$hf_os_version" "os_like=$hf_os_like" "init=$hf_init" "pkg_manager=$hf_pkg_manager" "arch=$hf_arch" "kernel=$hf_kernel" "user=$hf_user"
}
cf_is() {
  cf_v=$1; shift
  for cf_w in "$@"; do [ "$cf_v" = "$cf_w" ] && return 0; done
  return 1
}
cf_blob() {
  if cat -- "$@" > "$t/blob" 2>/dev/null; then base64 < "$t/blob" | tr -d '\n'; echo; return 0; fi
  echo '!'
  while [ $# -gt 1 ]; do
    echo "@@$N part ${1##*/m}"
    if cat -- "$2" > "$t/one" 2>/dev/null; then base64 < "$t/one" | tr -d '\n'; else printf '!'; fi; echo
    shift 2
  done
}
echo '@@0123456789abcdef needs'
cf_need || { echo '@@0123456789abcdef end'; exit 0; }
LD=; if [ -n "${CONVERGE_LOCK_FILE:-}" ]; then L=$CONVERGE_LOCK_FILE; elif [ -w /run ]; then L=/run/converge.lock; else LD="${TMPDIR:-/tmp}/converge-$(id -u)"; L=$LD/lock; fi
cf_private() {
  [ -z "$LD" ] || { [ -d "$LD" ] && [ ! -L "$LD" ] && [ -O "$LD" ]; }
}
cf_leftovers() {
:
cf_clean /etc/x.conf
cf_clean /etc/y
}
if ! cf_private; then :
elif command -v flock >/dev/null 2>&1; then ( flock -n 9 || exit 0; cf_leftovers ) 9>>"$L" 2>/dev/null
elif mkdir -- "$L.d" 2>/dev/null; then cf_leftovers; rmdir -- "$L.d"; fi
echo '@@0123456789abcdef host'
cf_host
echo '@@0123456789abcdef lock'
cf_lockrun
P="$L.handlers"
cf_pending() {
  if cf_private && [ -f "$P" ] && [ ! -L "$P" ] && [ -O "$P" ] && [ -r "$P" ]; then cat -- "$P"; fi
  return 0
}
echo '@@0123456789abcdef pending'
cf_pending
: > "$t/st"
stat -L -c '%s %a %U %G %n' -- /etc/x.conf /etc/y > "$t/st" 2>/dev/null
echo '@@0123456789abcdef kinds'
cf_mark st; set -- "$t/mst" "$t/st"; sl=; exec 8< "$t/st"
cf_st /etc/x.conf; if [ -f /etc/x.conf ]; then if cf_file 0 /etc/x.conf 0; then cf_mark c0; set -- "$@" "$t/mc0" /etc/x.conf; fi; else cf_kind 0 /etc/x.conf; fi
cf_st /etc/y; if [ -f /etc/y ]; then if cf_file 1 /etc/y 1; then cf_mark c1; set -- "$@" "$t/mc1" /etc/y; fi; else cf_kind 1 /etc/y; fi
exec 8<&-
echo '@@0123456789abcdef exits'
cf_cmd 2 id -u
set -- "$@" "$t/mo2" "$t/o2" "$t/me2" "$t/e2"
cf_cmd_in 3 cat <<'CONVERGE_0123456789abcdef'
aW4=
CONVERGE_0123456789abcdef
set -- "$@" "$t/mo3" "$t/o3" "$t/me3" "$t/e3"
echo '@@0123456789abcdef blob'
cf_mark z; cf_blob "$@" "$t/mz"
echo '@@0123456789abcdef end'
