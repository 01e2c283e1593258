package dev.converge.spi;

/** A module read a fact it did not declare in {@link Module#facts}: a bug in that module. */
public final class UndeclaredFactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UndeclaredFactException(Fact fact) {
        super("fact not declared by the module: " + fact);
    }
}
