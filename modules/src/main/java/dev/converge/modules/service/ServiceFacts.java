package dev.converge.modules.service;

import dev.converge.spi.Fact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The read-only status commands of a service for every init system. All are declared up front
 * (the init system is only known after gathering); on the other systems they merely fail.
 */
final class ServiceFacts {
    private ServiceFacts() {}

    static List<String> systemdActive(String name) {
        return List.of("systemctl", "is-active", name);
    }

    static List<String> systemdEnabled(String name) {
        return List.of("systemctl", "is-enabled", name);
    }

    static List<String> initScriptStatus(String name) {
        return List.of("/etc/init.d/" + name, "status");
    }

    static List<String> serviceStatus(String name) {
        return List.of("service", name, "status");
    }

    /** Whether an S link of the service exists in runlevels 2-5 (the name is passed as $1, never in the script). */
    static List<String> sysvEnabled(String name) {
        return List.of("sh", "-c", "for f in /etc/rc[2345].d/S*; do [ \"${f##*/S[0-9][0-9]}\" = \"$1\" ] && exit 0; "
                + "done; exit 1", "converge", name);
    }

    static List<String> upstartStatus(String name) {
        return List.of("status", name);
    }

    static String upstartOverride(String name) {
        return "/etc/init/" + name + ".override";
    }

    static Set<Fact> of(ServiceParams p) {
        Set<Fact> facts = new HashSet<>();
        facts.add(InitSystem.FACT);
        String n = p.name();
        if (p.state() != null) {
            for (List<String> argv : List.of(systemdActive(n), initScriptStatus(n), serviceStatus(n), upstartStatus(n))) {
                facts.add(new Fact.CommandRun(argv));
            }
        }
        if (p.enabled() != null) {
            facts.add(new Fact.CommandRun(systemdEnabled(n)));
            facts.add(new Fact.CommandRun(sysvEnabled(n)));
            facts.add(new Fact.FileRead(upstartOverride(n)));
        }
        return facts;
    }
}
