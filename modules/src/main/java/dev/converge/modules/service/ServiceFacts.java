package dev.converge.modules.service;

import dev.converge.spi.Fact;
import java.util.List;
import java.util.Set;

/**
 * What {@code service} reads: ONE read-only command per service that detects the init system and
 * asks only that system for the service's state and boot-time enablement (one or two processes on
 * the host, not one per init system), plus, for upstart, the job's override file.
 */
final class ServiceFacts {
    private ServiceFacts() {}

    /**
     * Prints {@code init=}, {@code installed=} (1 when the unit, job or init script exists), then {@code running=} (exit code of the status command: 0 is running)
     * and {@code enabled=} (systemd: the is-enabled word; sysv: 0 when an S link exists in
     * runlevels 2-5), or for upstart {@code status=} (the output of {@code status NAME}). The name
     * is passed as {@code $1}, never written into the script.
     */
    static final String SCRIPT = """
            n=$1
            if [ -d /run/systemd/system ]; then i=systemd
            elif command -v initctl >/dev/null 2>&1 && initctl version 2>/dev/null | grep -q upstart; then i=upstart
            elif command -v update-rc.d >/dev/null 2>&1; then i=sysv-debian
            elif command -v chkconfig >/dev/null 2>&1; then i=sysv-redhat
            else i=sysv; fi
            echo "init=$i"
            case $i in
              systemd)
                if systemctl cat -- "$n" >/dev/null 2>&1; then echo installed=1; else echo installed=0; fi
                systemctl is-active --quiet "$n" 2>/dev/null; echo "running=$?"
                echo "enabled=$(systemctl is-enabled "$n" 2>/dev/null)" ;;
              upstart)
                if [ -e "/etc/init/$n.conf" ] || [ -e "/etc/init.d/$n" ]; then echo installed=1; else echo installed=0; fi
                echo "status=$(status "$n" 2>/dev/null)" ;;
              *)
                if [ -x "/etc/init.d/$n" ]; then "/etc/init.d/$n" status >/dev/null 2>&1; else service "$n" status >/dev/null 2>&1; fi
                echo "running=$?"
                if [ -e "/etc/init.d/$n" ]; then echo installed=1; else echo installed=0; fi
                e=1
                for f in /etc/rc[2345].d/S*; do [ "${f##*/S[0-9][0-9]}" = "$n" ] && e=0 && break; done
                echo "enabled=$e" ;;
            esac
            """;

    static List<String> status(String name) {
        return List.of("sh", "-c", SCRIPT, "converge", name);
    }

    static String upstartOverride(String name) {
        return "/etc/init/" + name + ".override";
    }

    static Set<Fact> of(ServiceParams p) {
        Fact status = new Fact.CommandRun(status(p.name()));
        return p.enabled() == null ? Set.of(status) : Set.of(status, new Fact.FileRead(upstartOverride(p.name())));
    }
}
