package dev.converge.config;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * A plain-text output format (nothing is escaped) whose only job is to see each {@code ${...}}
 * as it is written: the hook of {@link SecretTaint}, recording into the thread's
 * {@linkplain SecretTaint#active active} one, since one {@link Templating} serves every host of a run.
 */
final class TaintFormat extends CommonMarkupOutputFormat<TaintFormat.Text> {
    static final TaintFormat INSTANCE = new TaintFormat();

    private TaintFormat() {}

    @Override
    public void output(String text, Writer out) throws IOException {
        if (SecretTaint.take()) {
            SecretTaint sink = SecretTaint.active();
            if (sink != null) {
                sink.record(text);
            }
        }
        out.write(text);
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return plainTextContent;
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Text newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Text(plainTextContent, markupContent);
    }

    @Override
    public String getName() {
        return "converge-plain";
    }

    @Override
    public String getMimeType() {
        return "text/plain";
    }

    /** Text in this format (the same as plain text). */
    static final class Text extends CommonTemplateMarkupOutputModel<Text> {
        Text(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public TaintFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
