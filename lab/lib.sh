# shellcheck shell=bash
# Shared definitions for the lab scripts (lab/up, lab/down, lab/status, lab/ssh, lab/test).
# Sourced, never run. See docs/lab.md for the big picture.

LAB_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$LAB_SCRIPTS")
INVENTORY=${CONVERGE_LAB_INVENTORY:-$REPO_ROOT/inventory/lab.yml}

# State directory: key pair, known_hosts, package layer, per-host upper dirs, recorded PIDs.
LAB=${CONVERGE_LAB_DIR:-/var/lib/converge-lab}
STATE=$LAB/state            # exists exactly while a lab is (partly) up
KEY=$LAB/id_ed25519
KNOWN_HOSTS=$LAB/known_hosts
LAYER=$LAB/layer            # stock libvirt-daemon-system files: extra lower layer of /etc and /var
SHARED=$LAB/shared/instances
MIRROR=$LAB/mirror          # the offline apt repository (kept across runs: a cache)

# Network: the root namespace is the control node at .1; host i (1-based) is at .(10+i).
# A /24 is enough for MAX_HOSTS; the subnet is fixed so every address is one we assign.
# A second lab (e.g. bench/) can run beside the first with its own CONVERGE_LAB_DIR,
# CONVERGE_LAB_NET (first three octets, inside 10.77-10.79), CONVERGE_LAB_NAME and CONVERGE_LAB_INVENTORY.
LAB_NAME=${CONVERGE_LAB_NAME:-lab}
BRIDGE=${LAB_NAME}br0
NET_PREFIX=${CONVERGE_LAB_NET:-10.77.0}
case $NET_PREFIX in 10.7[7-9].[0-9]|10.7[7-9].[0-9][0-9]|10.7[7-9].[0-9][0-9][0-9]) ;; *) echo "lab: CONVERGE_LAB_NET must be 10.77.x to 10.79.x" >&2; exit 1 ;; esac
SUBNET=$NET_PREFIX.0/24
GATEWAY=$NET_PREFIX.1
HOST_OFFSET=10
MIRROR_PORT=${CONVERGE_LAB_MIRROR_PORT:-8080}
MIRROR_URL=http://$GATEWAY:$MIRROR_PORT/
MAX_HOSTS=240

VM_NAME=lab-vm1
VM_DIR=/var/lib/nova/instances/$VM_NAME

BASE_PACKAGES=(openssh-server openssh-client iptables netcat-openbsd iproute2 util-linux procps acl)
BUSYBOX_PACKAGES=(busybox)  # only when a host has the busybox flavour
# The offline apt repository the hosts install from (docs/lab.md, "The package mirror"): these
# packages and those of their dependencies (no recommends) this machine lacks, fetched once with
# apt-get download, indexed with dpkg-scanpackages, served on the bridge address by BusyBox httpd.
MIRROR_PACKAGES=(nfs-kernel-server nfs-common hello)
MIRROR_TOOLS=(dpkg-dev busybox)
LIBVIRT_PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils)

# -F /dev/null: neither the user's nor the machine's ssh_config may change how we connect.
SSH_OPTS=(-F /dev/null -i "$KEY" -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null
          -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR)

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "the lab needs root (namespaces, bridge, mounts); run it as root"
}

now() { date +%s.%N; }
span() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
elapsed() { span "$1" "$(now)"; }

# --- naming --------------------------------------------------------------------------------
# HostA, HostB, HostC, then Host004, Host005, ... (index is 1-based).
host_name() {
    local i=$1
    local letters=(A B C)
    if [ "$i" -le 3 ]; then echo "Host${letters[i-1]}"; else printf 'Host%03d\n' "$i"; fi
}
host_ip()    { echo "$NET_PREFIX.$((HOST_OFFSET + $1))"; }
host_netns() { echo "$LAB_NAME-$(echo "$1" | tr '[:upper:]' '[:lower:]')"; }
host_veth()  { echo "$LAB_NAME-v$1"; }      # root-namespace end of host i's veth pair (<= 15 chars)
host_role()  { if [ "$1" -eq 1 ]; then echo controller; else echo compute; fi; }
host_dir()   { echo "$LAB/hosts/$1"; }

# --- flavours (docs/lab.md, "Host flavours") -------------------------------------------------
# dash:    this machine's Debian userland as is (/bin/sh is dash, GNU coreutils).
# bash:    /bin/sh is bash (RHEL, Fedora, SUSE, Arch), a symlink in the host's private /usr.
# busybox: an Alpine-like userland: /usr/bin and /usr/sbin (so /bin, /sbin) hold only BusyBox
#          applets, plus the few non-BusyBox programs listed in BUSYBOX_KEEP; root's shell is ash.
FLAVOURS=(dash bash busybox)
# Programs a BusyBox host keeps from the machine, as an Alpine host has them from its packages
# (openssh-server, iptables, shadow, musl-utils): sshd (it re-executes itself per connection),
# iptables, the shadow user tools and getent. None of them is a GNU coreutils program.
BUSYBOX_KEEP=(sshd iptables iptables-save iptables-restore getent
              useradd usermod userdel groupadd groupmod groupdel)
# Directories each host gets as a private overlay (lower: the machine's; writes stay in the host).
PRIVATE_DIRS=(home srv mnt opt usr)
# The flavour of host i when lab/up is given no --flavour for it: HostC is the bash host.
default_flavour() { if [ "$1" -eq 3 ]; then echo bash; else echo dash; fi; }
is_flavour() { local f; for f in "${FLAVOURS[@]}"; do [ "$f" != "$1" ] || return 0; done; return 1; }

# --- recorded state ------------------------------------------------------------------------
# $STATE/config: shell assignments (LAB_NHOSTS, LAB_LIBVIRT, LAB_FLAVOURS).
# $STATE/hosts:  one line per host: index name ip netns veth role flavour.
# $STATE/pids/NAME: "<pid of the host's PID 1> <pid of its unshare>" (root-namespace PIDs).
# $STATE/complete: written last by lab/up.

# Fills the arrays H_NAME H_IP H_NETNS H_VETH H_ROLE H_FLAVOUR from $STATE/hosts.
load_hosts() {
    H_NAME=(); H_IP=(); H_NETNS=(); H_VETH=(); H_ROLE=(); H_FLAVOUR=()
    [ -f "$STATE/hosts" ] || return 0
    local idx name ip ns veth role flavour
    while read -r idx name ip ns veth role flavour; do
        H_NAME+=("$name"); H_IP+=("$ip"); H_NETNS+=("$ns"); H_VETH+=("$veth"); H_ROLE+=("$role")
        H_FLAVOUR+=("${flavour:-dash}")
    done < "$STATE/hosts"
}

# ip address of a lab host given by name (or by address).
resolve_host() {
    local want=$1 idx name ip rest
    [ -f "$STATE/hosts" ] || die "no lab is up (no $STATE/hosts); run lab/up"
    while read -r idx name ip rest; do
        if [ "$name" = "$want" ] || [ "$ip" = "$want" ]; then echo "$ip"; return 0; fi
    done < "$STATE/hosts"
    die "unknown lab host '$want'"
}

# True if PID is alive and really is the PID 1 of lab host NAME (guards against PID reuse).
is_host_init() {
    local pid=$1 name=$2 cmd
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ "$cmd" == *"/host-init $name "* ]]
}

# True if PID is the lab's mirror server (BusyBox httpd serving $MIRROR).
is_mirror_server() {
    local cmd
    [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] || return 1
    cmd=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ "$cmd" == *"httpd -f -p $GATEWAY:"*" -h $MIRROR "* ]]
}

host_pid1() { local p; read -r p _ < "$STATE/pids/$1" 2>/dev/null && echo "$p"; }

# --- leftovers -----------------------------------------------------------------------------
lab_netns_list() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$LAB_NAME-host" || true; }
lab_links() { ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E "^($BRIDGE|$LAB_NAME-v[0-9]+)$" || true; }
lab_mounts() { grep -E " ($LAB|/run/netns/$LAB_NAME-host)[/ ]" /proc/self/mountinfo || true; }

# --- ssh -----------------------------------------------------------------------------------
# lab_ssh NAME_OR_IP cmd...  (strict host key checking against $KNOWN_HOSTS)
lab_ssh() {
    local ip; ip=$(resolve_host "$1"); shift
    ssh "${SSH_OPTS[@]}" "root@$ip" "$@"
}
