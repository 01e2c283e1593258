# shellcheck shell=bash
# Helpers over the bench lab's hosts (sourced by bench/run after bench/env.sh and lab/lib.sh).

# on_all CMD: runs CMD on every lab host in parallel (ssh as lab/ssh does); prints "host<TAB>line".
on_all() {
    local cmd=$1 i pids=()
    load_hosts
    for i in "${!H_NAME[@]}"; do
        ssh "${SSH_OPTS[@]}" "root@${H_IP[i]}" "$cmd" > "$TMPD/on.${H_NAME[i]}" 2>&1 &
        pids+=($!)
    done
    local rc=0 p
    for p in "${pids[@]}"; do wait "$p" || rc=1; done
    for i in "${!H_NAME[@]}"; do sed "s/^/${H_NAME[i]}\t/" "$TMPD/on.${H_NAME[i]}"; done
    return $rc
}

# The files and state both tools manage (compared after each tool's first run).
MANAGED_FILES="/etc/hosts /etc/nova/nova.conf /etc/exports /etc/fstab /etc/libvirt/libvirtd.conf /etc/default/libvirtd"

# snapshot: saves what a first run changes, right after lab/up (restored by reset): the touched
# files, users and groups, iptables, the instances dir's attributes and the installed packages.
SNAPSHOT_SCRIPT=$(cat <<'EOF'
tar -C / -cpf /root/.bench-pristine.tar etc/hosts etc/passwd etc/group etc/shadow etc/gshadow etc/passwd- etc/group- etc/shadow- etc/gshadow- etc/fstab $(cd / && ls etc/libvirt/libvirtd.conf etc/default/libvirtd 2>/dev/null) &&
iptables-save > /root/.bench-pristine.iptables &&
stat -c "%a %U %G" /var/lib/nova/instances > /root/.bench-pristine.instances &&
dpkg-query -W -f '${Status} ${Package}\n' | awk '$3 != "not-installed" {print $4}' | LC_ALL=C sort > /root/.bench-pristine.packages
EOF
)
snapshot() {
    on_all "$SNAPSHOT_SCRIPT" >/dev/null
}

# reset: puts every host back to its state right after lab/up (faster than lab/down + lab/up, and
# checked: every first run reports the same changes). Packages a run installed (the flagship's
# nfs-kernel-server/nfs-common and their dependencies) are purged with dpkg inside the host, the
# apt index, its stamp and the downloaded .debs removed, and the index directory dated 1970, so
# both tools refresh the index once on a first run (converge: no stamp; Ansible's cache_valid_time:
# no stamp, then the directory's mtime) and download and install the same packages from the mirror.
RESET_SCRIPT=$(cat <<'EOF'
purged=$1 &&
dpkg-query -W -f '${Status} ${Package}\n' | awk '$3 != "not-installed" {print $4}' | LC_ALL=C sort > /root/.bench-now.packages &&
extra=$(LC_ALL=C comm -13 /root/.bench-pristine.packages /root/.bench-now.packages) &&
if [ -n "$extra" ]; then DEBIAN_FRONTEND=noninteractive dpkg --purge $extra >/root/.bench-purge.log 2>&1 || { cat /root/.bench-purge.log; exit 1; }; fi &&
rm -f /root/.bench-now.packages &&
if [ "$purged" = purged ]; then
rm -f /var/lib/apt/periodic/update-success-stamp /var/cache/apt/*.bin /var/cache/apt/archives/*.deb &&
find /var/lib/apt/lists -maxdepth 1 -type f ! -name lock -exec rm -f {} + && rm -rf /var/lib/apt/lists/auxfiles &&
touch -d @0 /var/lib/apt/lists; fi &&
rm -rf /etc/nova /etc/exports && iptables -F && iptables -X &&
tar -C / -xpf /root/.bench-pristine.tar && iptables-restore < /root/.bench-pristine.iptables &&
read m u g < /root/.bench-pristine.instances && chmod $m /var/lib/nova/instances && chown $u:$g /var/lib/nova/instances &&
if [ -x /etc/init.d/libvirtd ]; then /etc/init.d/libvirtd restart >/dev/null 2>&1; fi; echo reset
EOF
)
reset_hosts() {
    on_all "set -- $PACKAGES; $RESET_SCRIPT" > "$TMPD/reset.out" || { echo "bench: reset failed:" >&2; cat "$TMPD/reset.out" >&2; return 1; }
}

# install_packages: (--packages installed) the flagship's packages from the lab mirror before the
# snapshot: nfs-common on every host, nfs-kernel-server on the controller (HostA); the index is
# refreshed once here and stays fresh (< 1 h: neither tool refreshes it again during the bench).
install_packages() {
    on_all "apt-get update -qq && if [ \"\$(hostname)\" = HostA ]; then p=nfs-kernel-server; else p=nfs-common; fi && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \$p >/dev/null && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/update-success-stamp && echo installed \$p" > "$TMPD/install.out" ||
        { echo "bench: installing the packages failed:" >&2; cat "$TMPD/install.out" >&2; return 1; }
}

# state FILE: the managed files (a blank first line dropped: community.general.ini_file starts a
# file it creates with one), , ids, rules and attributes of every host, in one file.
state() {
    on_all "for f in $MANAGED_FILES; do echo \"== \$f\"; if [ -e \$f ]; then stat -c '%a %U %G' \$f; sed '1{/^\$/d}' \$f; else echo absent; fi; done; echo '== ids'; getent passwd nova; getent group nova; echo '== packages'; dpkg-query -W -f '\${Package} \${Status}\n' nfs-kernel-server nfs-common 2>&1; echo '== dirs'; stat -c '%a %U %G %n' /etc/nova /var/lib/nova/instances 2>&1; echo '== iptables'; iptables -S INPUT" > "$1"
}
