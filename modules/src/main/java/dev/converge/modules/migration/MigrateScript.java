package dev.converge.modules.migration;

import java.util.List;

/**
 * The libvirt driver's apply step, run on the source host: preflight (the instance runs here,
 * the target's libvirtd answers, it has the memory, the CPU is compatible), {@code virsh migrate
 * --live} with progress lines, a timeout that aborts the job, then verification on both ends. On
 * failure its standard error is two lines: the cause (virsh's own error first), then the last lines
 * of the source's logs on one line (the engine reports a failed step's last lines). A constant script: every value travels
 * as a positional argument, never spliced into the text.
 */
final class MigrateScript {
    static final String SCRIPT = Preflight.VERRORS + """
            set -u
            vm=$1 to=$2 uri=$3 timeout=$4 unsafe=$5
            tmp=$(mktemp -d) || exit 1
            trap 'rm -rf "$tmp"' EXIT
            # the libvirt noise after the cause, trimmed to ONE line: the last lines of the source's logs
            logs() {
              n=
              for f in "/var/log/libvirt/qemu/$vm.log" /var/log/libvirt/libvirtd.log; do
                [ -r "$f" ] && n="$n${n:+; }$f: $(tail -n 3 "$f" | tr -s '\\n\\t' '  ' | cut -c 1-300)"
              done
              printf -- '(source %s logs: %s; target %s: /var/log/libvirt/qemu/%s.log)\\n' "$(hostname)" "${n:-none readable}" "$to" "$vm" >&2
            }
            fail() { printf 'live_migration: %s\\n' "$*" >&2; logs; exit 1; }
            state=$(virsh -q domstate "$vm" 2>&1 | head -n 1) || fail "preflight: $vm is not defined on $(hostname): $state"
            [ "$state" = running ] || fail "preflight: $vm is $state on $(hostname), not running"
            virsh -c "$uri" hostname >/dev/null 2>"$tmp/err" || fail "virsh: $(verrors "$tmp/err") (preflight: libvirtd on $to does not answer at $uri; is it listening for TCP and is port 16509 open?)"
            need=$(virsh dominfo "$vm" 2>/dev/null | awk '$1 == "Used" && $2 == "memory:" {print $3}')
            free=$(virsh -c "$uri" nodememstats 2>/dev/null | awk '$1 == "free" {print $3}')
            if [ -n "$need" ] && [ -n "$free" ] && [ "$free" -lt "$need" ]; then
              fail "preflight: $to has $free KiB free, $vm needs $need KiB"
            fi
            virsh dumpxml "$vm" > "$tmp/domain.xml" 2>/dev/null
            if grep -q '<cpu' "$tmp/domain.xml"; then
              virsh -c "$uri" hypervisor-cpu-compare "$tmp/domain.xml" > "$tmp/cpu" 2>&1 || true
              grep -qi incompatible "$tmp/cpu" && fail "preflight: $to cannot run $vm's CPU model: $(head -n 1 "$tmp/cpu")"
            fi
            echo "preflight ok: $to answers at $uri, ${free:-?} KiB free for ${need:-?} KiB, CPU compatible"
            set -- --live --persistent --undefinesource --verbose
            [ "$unsafe" = true ] && set -- "$@" --unsafe
            start=$(date +%s)
            virsh migrate "$@" "$vm" "$uri" > "$tmp/migrate" 2>&1 &
            pid=$!
            while kill -0 "$pid" 2>/dev/null; do
              sleep 1
              progress=$(virsh domjobinfo "$vm" 2>/dev/null | awk -F': *' '/^Data (processed|remaining)/ {printf "%s %s; ", $1, $2}')
              [ -n "$progress" ] && echo "progress: $progress"
              if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
                virsh domjobabort "$vm" >/dev/null 2>&1
                wait "$pid"
                fail "timed out after $timeout s; the job was aborted and $vm stays on $(hostname)"
              fi
            done
            wait "$pid" || fail "virsh: $(verrors "$tmp/migrate") (virsh migrate failed)"
            there=$(virsh -c "$uri" -q domstate "$vm" 2>/dev/null | head -n 1)
            [ "$there" = running ] || fail "verify: $vm is '${there:-absent}' on $to after the migration, not running"
            here=$(virsh -q domstate "$vm" 2>/dev/null | head -n 1)
            [ "$here" = running ] && fail "verify: $vm still runs on $(hostname)"
            echo "migrated $vm from $(hostname) to $to in $(( $(date +%s) - start )) s"
            """;

    private MigrateScript() {}

    static List<String> argv(LiveMigrationParams p) {
        return List.of(
                "sh",
                "-c",
                SCRIPT,
                "live_migration",
                p.instance(),
                p.to(),
                p.uriOrDefault(),
                String.valueOf(p.timeoutOrDefault()),
                String.valueOf(Boolean.TRUE.equals(p.unsafe())));
    }
}
