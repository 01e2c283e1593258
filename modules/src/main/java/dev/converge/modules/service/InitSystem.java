package dev.converge.modules.service;

/** The init systems {@code service} drives: the host fact {@code init}, sysv split by its boot-time tool. */
enum InitSystem {
    SYSTEMD,
    UPSTART,
    SYSV_DEBIAN,
    SYSV_REDHAT,
    SYSV;

    boolean sysv() {
        return this == SYSV || this == SYSV_DEBIAN || this == SYSV_REDHAT;
    }
}
