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

# snapshot: saves what a first run changes, right after lab/up (restored by reset).
snapshot() {
    on_all 'tar -C / -cpf /root/.bench-pristine.tar etc/hosts etc/passwd etc/group etc/shadow etc/gshadow etc/passwd- etc/group- etc/shadow- etc/gshadow- etc/fstab $(cd / && ls etc/libvirt/libvirtd.conf etc/default/libvirtd 2>/dev/null) && iptables-save > /root/.bench-pristine.iptables && stat -c "%a %U %G" /var/lib/nova/instances > /root/.bench-pristine.instances' >/dev/null
}

# reset: puts every host back to its state right after lab/up (faster than lab/down + lab/up, and
# checked: the first run after a reset reports the same changes as on a fresh lab).
reset_hosts() {
    on_all 'rm -rf /etc/nova /etc/exports && iptables -F && iptables -X && tar -C / -xpf /root/.bench-pristine.tar && iptables-restore < /root/.bench-pristine.iptables && read m u g < /root/.bench-pristine.instances && chmod $m /var/lib/nova/instances && chown $u:$g /var/lib/nova/instances && if [ -x /etc/init.d/libvirtd ]; then /etc/init.d/libvirtd restart >/dev/null 2>&1; fi; echo reset' >/dev/null
}

# state FILE: the managed files (a blank first line dropped: community.general.ini_file starts a
# file it creates with one), , ids, rules and attributes of every host, in one file.
state() {
    on_all "for f in $MANAGED_FILES; do echo \"== \$f\"; if [ -e \$f ]; then stat -c '%a %U %G' \$f; sed '1{/^\$/d}' \$f; else echo absent; fi; done; echo '== ids'; getent passwd nova; getent group nova; echo '== dirs'; stat -c '%a %U %G %n' /etc/nova /var/lib/nova/instances 2>&1; echo '== iptables'; iptables -S INPUT" > "$1"
}
