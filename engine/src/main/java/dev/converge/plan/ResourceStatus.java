package dev.converge.plan;

/** The outcome of one resource on one host. */
public enum ResourceStatus {
    /** Already in the desired state. */
    OK,
    /** Changed (or, with --check, would change). */
    CHANGED,
    /** Planning or applying failed. */
    FAILED,
    /** Not run: its condition was false, it was not notified, or something it depends on failed. */
    SKIPPED,
    /** Its host could not be reached. */
    UNREACHABLE;

    public String label() {
        return name().toLowerCase();
    }
}
