package dev.converge.diag;

import java.nio.file.Path;

/** A place in an input file, 1-based, as an editor shows it. */
public record SourceLocation(Path file, int line, int column) {

    /** A whole file, when nothing more precise is known. */
    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 1, 1);
    }

    /** The same line, {@code offset} columns to the right. */
    public SourceLocation shift(int lines, int columns) {
        return new SourceLocation(file, line + lines, lines == 0 ? column + columns : columns + 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
