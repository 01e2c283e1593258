package dev.converge.spi;

/** Checks on remote path strings shared by facts and operations. */
public final class Paths {
    private Paths() {}

    /** Refuses a path that is not absolute or holds a NUL or newline (never sent to a host). */
    public static String requireAbsolute(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute: " + path);
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("path must not contain NUL or newline");
        }
        return path;
    }

    /** The parent directory of an absolute path ({@code /} for a top-level entry). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
