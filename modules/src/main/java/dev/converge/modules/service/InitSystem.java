package dev.converge.modules.service;

import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import java.util.List;
import java.util.Optional;

/**
 * The init systems {@code service} drives, detected by one constant read-only probe (it holds no
 * user value, so it is the same fact for every service on a host and gathered once).
 */
enum InitSystem {
    SYSTEMD, UPSTART, SYSV_DEBIAN, SYSV_REDHAT, SYSV;

    static final List<String> PROBE = List.of("sh", "-c",
            "if [ -d /run/systemd/system ]; then echo systemd; "
                    + "elif command -v initctl >/dev/null 2>&1 && initctl version 2>/dev/null | grep -q upstart; "
                    + "then echo upstart; "
                    + "elif command -v update-rc.d >/dev/null 2>&1; then echo sysv-debian; "
                    + "elif command -v chkconfig >/dev/null 2>&1; then echo sysv-redhat; "
                    + "else echo sysv; fi");

    static final Fact FACT = new Fact.CommandRun(PROBE);

    /** The init system the probe reported, empty when its output is not understood. */
    static Optional<InitSystem> detect(FactView facts) {
        String out = facts.command(PROBE).stdout().strip();
        for (InitSystem s : values()) {
            if (s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(out)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    boolean sysv() {
        return this == SYSV || this == SYSV_DEBIAN || this == SYSV_REDHAT;
    }
}
