package dev.converge.modules.service;

import dev.converge.spi.Fact;
import dev.converge.spi.TypedFact;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code service} reads: ONE read-only command per service, in one variant per init system.
 * The init system is the host fact {@code init} (one definition: the gather's {@code cf_host});
 * the gather runs only the variant whose init the host has ({@link Fact.CommandRun#onlyWhere}),
 * and the plan reads that one. Each variant asks only its init system for the service's state
 * and boot-time enablement; upstart also reads the job's override file. The name is {@code $1},
 * never written into a script.
 */
final class ServiceFacts {
    private ServiceFacts() {}

    /** systemd: {@code installed=}, {@code running=} (is-active's exit code) and {@code enabled=} (is-enabled's word). */
    static final String SYSTEMD = """
            n=$1
            if systemctl cat -- "$n" >/dev/null 2>&1; then echo installed=1; else echo installed=0; fi
            systemctl is-active --quiet "$n" 2>/dev/null; echo "running=$?"
            echo "enabled=$(systemctl is-enabled "$n" 2>/dev/null)"
            """;

    /** upstart: {@code installed=} and {@code status=} (the output of {@code status NAME}). */
    static final String UPSTART = """
            n=$1
            if [ -e "/etc/init/$n.conf" ] || [ -e "/etc/init.d/$n" ]; then echo installed=1; else echo installed=0; fi
            echo "status=$(status "$n" 2>/dev/null)"
            """;

    /**
     * sysv: {@code enabler=} (the boot-time tool there is: update-rc.d, chkconfig or none),
     * {@code running=} (the status command's exit code), {@code installed=} and {@code enabled=}
     * (0 when an S link exists in runlevels 2-5).
     */
    static final String SYSV = """
            n=$1
            if command -v update-rc.d >/dev/null 2>&1; then echo enabler=update-rc.d
            elif command -v chkconfig >/dev/null 2>&1; then echo enabler=chkconfig
            else echo enabler=none; fi
            if [ -x "/etc/init.d/$n" ]; then "/etc/init.d/$n" status >/dev/null 2>&1; else service "$n" status >/dev/null 2>&1; fi
            echo "running=$?"
            if [ -e "/etc/init.d/$n" ]; then echo installed=1; else echo installed=0; fi
            e=1
            for f in /etc/rc[2345].d/S*; do [ "${f##*/S[0-9][0-9]}" = "$n" ] && e=0 && break; done
            echo "enabled=$e"
            """;

    /** The host fact {@code init}'s values, by variant. */
    private static final List<String> INITS = List.of("systemd", "upstart", "sysv");

    /** The status fact of {@code name} on a host whose {@code init} host fact is {@code init}; empty for an init we do not drive. */
    static Optional<TypedFact<ServiceStatus>> status(String name, String init) {
        String script = switch (init) {
            case "systemd" -> SYSTEMD;
            case "upstart" -> UPSTART;
            case "sysv" -> SYSV;
            default -> null;
        };
        if (script == null) {
            return Optional.empty();
        }
        Fact.CommandRun run =
                new Fact.CommandRun(List.of("sh", "-c", script, "converge-service", name)).onlyWhere("init", init);
        return Optional.of(new TypedFact<>(run, ServiceStatus::parse, ServiceStatus::print));
    }

    static String upstartOverride(String name) {
        return "/etc/init/" + name + ".override";
    }

    static Set<Fact> of(ServiceParams p) {
        Set<Fact> facts = new HashSet<>();
        INITS.forEach(init -> facts.add(status(p.name(), init).orElseThrow().fact()));
        if (p.enabled() != null) {
            facts.add(new Fact.FileRead(upstartOverride(p.name())));
        }
        return facts;
    }
}
