package dev.converge.report;

import java.util.List;
import java.util.Map;

/** The resource graph as Graphviz DOT ({@code --graph FILE.dot}) or Mermaid ({@code --graph FILE.mmd}). */
public final class GraphExport {
    private static final Map<String, String> FILL = Map.of(
            "ok",
            "#c8e6c9",
            "changed",
            "#ffe082",
            "failed",
            "#ef9a9a",
            "skipped",
            "#e0e0e0",
            "unreachable",
            "#ce93d8",
            "planned",
            "#bbdefb");
    private static final Map<String, String> DOT_STYLE =
            Map.of("order", "solid", "after", "bold", "notify", "dashed", "handler", "dashed", "same_file", "dotted");

    private GraphExport() {}

    /** Whether a file name asks for Mermaid ({@code .mmd}, {@code .mermaid}) rather than DOT. */
    public static boolean isMermaid(String fileName) {
        return fileName.endsWith(".mmd") || fileName.endsWith(".mermaid");
    }

    public static String dot(Dag dag) {
        StringBuilder out = new StringBuilder(
                "digraph converge {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n");
        List<Dag.Node> nodes = dag.nodes();
        for (int h = 0; h < dag.hosts().size(); h++) {
            String host = dag.hosts().get(h);
            out.append("  subgraph \"cluster_")
                    .append(h)
                    .append("\" {\n    label=")
                    .append(quote(host))
                    .append(";\n");
            for (int i = 0; i < nodes.size(); i++) {
                Dag.Node n = nodes.get(i);
                if (n.host().equals(host)) {
                    out.append("    n")
                            .append(i)
                            .append(" [label=")
                            .append(quote(n.id() + "\n" + n.module()))
                            .append(", fillcolor=\"")
                            .append(FILL.getOrDefault(n.status(), "#ffffff"))
                            .append("\"];\n");
                }
            }
            out.append("  }\n");
        }
        for (Dag.Edge e : dag.edges()) {
            out.append("  n")
                    .append(e.from())
                    .append(" -> n")
                    .append(e.to())
                    .append(" [style=")
                    .append(DOT_STYLE.getOrDefault(e.kind(), "solid"))
                    .append(", tooltip=")
                    .append(quote(e.kind()))
                    .append("];\n");
        }
        return out.append("}\n").toString();
    }

    public static String mermaid(Dag dag) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        List<Dag.Node> nodes = dag.nodes();
        for (int h = 0; h < dag.hosts().size(); h++) {
            String host = dag.hosts().get(h);
            out.append("  subgraph h")
                    .append(h)
                    .append("[")
                    .append(mermaidText(host))
                    .append("]\n");
            for (int i = 0; i < nodes.size(); i++) {
                Dag.Node n = nodes.get(i);
                if (n.host().equals(host)) {
                    out.append("    n")
                            .append(i)
                            .append("[")
                            .append(mermaidText(n.id() + " (" + n.module() + ")"))
                            .append("]:::")
                            .append(n.status())
                            .append('\n');
                }
            }
            out.append("  end\n");
        }
        for (Dag.Edge e : dag.edges()) {
            String arrow = e.kind().equals("notify") || e.kind().equals("handler")
                    ? " -.->"
                    : e.kind().equals("after") ? " ==>" : " -->";
            out.append("  n")
                    .append(e.from())
                    .append(arrow)
                    .append(" n")
                    .append(e.to())
                    .append('\n');
        }
        for (String status : List.of("ok", "changed", "failed", "skipped", "unreachable", "planned")) {
            out.append("  classDef ")
                    .append(status)
                    .append(" fill:")
                    .append(FILL.get(status))
                    .append('\n');
        }
        return out.toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String mermaidText(String text) {
        return "\"" + text.replace("\"", "#quot;") + "\"";
    }
}
