package dev.converge.modules.service;

import java.util.Locale;
import java.util.Optional;

/** The init systems {@code service} drives, as {@link ServiceFacts#SCRIPT} names them. */
enum InitSystem {
    SYSTEMD, UPSTART, SYSV_DEBIAN, SYSV_REDHAT, SYSV;

    /** The init system of a word such as {@code sysv-debian}; empty when it is not one of them. */
    static Optional<InitSystem> of(String word) {
        for (InitSystem s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    boolean sysv() {
        return this == SYSV || this == SYSV_DEBIAN || this == SYSV_REDHAT;
    }
}
