package dev.converge.config;

import java.io.IOException;
import java.io.Writer;

/**
 * The writer a template renders into, and the hook of {@link SecretTaint}: Freemarker writes each
 * {@code ${...}} right after evaluating it, so a chunk written while the taint flag is up is text
 * derived from a secret, and is recorded (the flag is lowered). Static text is written with the
 * flag down. Text buffered by a directive ({@code <#compress>}) arrives in one chunk with the flag
 * still up: recorded whole, so too much is masked rather than too little. It also refuses to grow
 * past the rendering's output limit ({@link TemplateLimits}).
 */
final class TaintWriter extends Writer {
    private final Writer out;
    private final int limit;
    private long written;

    TaintWriter(Writer out, int limit) {
        this.out = out;
        this.limit = limit;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(new String(buf, off, len));
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        written += len;
        if (written > limit) {
            throw TemplateLimits.tooLarge(limit);
        }
        check(s.substring(off, off + len));
        out.write(s, off, len);
    }

    private static void check(String chunk) {
        if (SecretTaint.take()) {
            SecretTaint active = SecretTaint.active();
            if (active != null) {
                active.record(chunk);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
