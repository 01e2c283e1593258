package dev.converge.report;

/**
 * A unified diff as HTML: each line classed by its role (header, hunk, added, removed, context),
 * and inside each line the config syntax coloured: comments, {@code [sections]}, {@code key = value}.
 */
final class HtmlDiff {
    private HtmlDiff() {}

    static String render(String unified) {
        StringBuilder out = new StringBuilder("<pre class=\"diff\">");
        for (String line : unified.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String cls;
            String body;
            if (line.startsWith("+++") || line.startsWith("---")) {
                cls = "hdr";
                body = Xml.escape(line);
            } else if (line.startsWith("@@")) {
                cls = "hunk";
                body = Xml.escape(line);
            } else if (line.startsWith("+") || line.startsWith("-") || line.startsWith(" ")) {
                cls = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
                body = "<span class=\"sign\">" + Xml.escape(line.substring(0, 1)) + "</span>"
                        + syntax(line.substring(1));
            } else {
                cls = "note";
                body = Xml.escape(line);
            }
            out.append("<span class=\"line ")
                    .append(cls)
                    .append("\">")
                    .append(body)
                    .append("</span>");
        }
        return out.append("</pre>").toString();
    }

    /** Colours one line of a config file: comment, section header, or key/value. */
    static String syntax(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("#") || trimmed.startsWith(";")) {
            return "<span class=\"tok-comment\">" + Xml.escape(text) + "</span>";
        }
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            return "<span class=\"tok-section\">" + Xml.escape(text) + "</span>";
        }
        int eq = text.indexOf('=');
        int colon = text.indexOf(": ");
        int at = eq >= 0 && (colon < 0 || eq < colon) ? eq : colon;
        if (at > 0 && text.substring(0, at).strip().matches("[A-Za-z0-9_.\\-\"']+")) {
            return "<span class=\"tok-key\">" + Xml.escape(text.substring(0, at)) + "</span><span class=\"tok-op\">"
                    + Xml.escape(text.substring(at, at + 1)) + "</span><span class=\"tok-value\">"
                    + Xml.escape(text.substring(at + 1)) + "</span>";
        }
        return Xml.escape(text);
    }
}
