package dev.converge.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the resource graph as an inline SVG, no script: one horizontal lane per host, one
 * column per layer (longest path from a source), nodes of a lane and layer stacked; each node is
 * coloured by its outcome and carries a tooltip; edges are curves, dashed for notify, thick for
 * cross-host {@code after:}.
 */
final class DagSvg {
    static final int COLUMN = 190;
    static final int ROW = 40;
    static final int BOX_W = 170;
    static final int BOX_H = 28;
    static final int LANE_LABEL = 110;
    static final int PAD = 10;
    private static final Map<String, String> FILL = Map.of(
            "ok",
            "#c8e6c9",
            "changed",
            "#ffe082",
            "failed",
            "#ef9a9a",
            "skipped",
            "#e0e0e0",
            "deferred",
            "#b2ebf2",
            "unreachable",
            "#ce93d8",
            "planned",
            "#bbdefb");

    private DagSvg() {}

    static String render(Dag dag) {
        List<Dag.Node> nodes = dag.nodes();
        int[] layer = dag.layers();
        int[] x = new int[nodes.size()];
        int[] y = new int[nodes.size()];
        StringBuilder lanes = new StringBuilder();
        int top = PAD;
        int maxLayer = 0;
        for (int l : layer) {
            maxLayer = Math.max(maxLayer, l);
        }
        int width = LANE_LABEL + (maxLayer + 1) * COLUMN + PAD;
        for (int h = 0; h < dag.hosts().size(); h++) {
            String host = dag.hosts().get(h);
            Map<Integer, Integer> stacked = new HashMap<>();
            int rows = 1;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).host().equals(host)) {
                    int row = stacked.merge(layer[i], 1, Integer::sum) - 1;
                    rows = Math.max(rows, row + 1);
                    x[i] = LANE_LABEL + layer[i] * COLUMN;
                    y[i] = top + PAD + row * ROW;
                }
            }
            int height = rows * ROW + PAD;
            lanes.append("<g class=\"lane\"><rect x=\"0\" y=\"")
                    .append(top)
                    .append("\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" fill=\"")
                    .append(h % 2 == 0 ? "#fafafa" : "#f0f4f8")
                    .append("\"/>")
                    .append("<text class=\"lane-label\" x=\"")
                    .append(PAD)
                    .append("\" y=\"")
                    .append(top + PAD + BOX_H / 2 + 5)
                    .append("\">")
                    .append(Xml.escape(shorten(host, 14)))
                    .append("</text></g>\n");
            top += height;
        }
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dag\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(top + PAD)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(top + PAD)
                .append("\" role=\"img\" aria-label=\"resource graph\">\n");
        out.append(
                        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
        out.append(lanes);
        for (Dag.Edge e : dag.edges()) {
            int x1 = x[e.from()] + BOX_W;
            int y1 = y[e.from()] + BOX_H / 2;
            int x2 = x[e.to()];
            int y2 = y[e.to()] + BOX_H / 2;
            int bend = Math.max(20, (x2 - x1) / 2);
            boolean crossHost =
                    !nodes.get(e.from()).host().equals(nodes.get(e.to()).host());
            out.append("<path class=\"edge edge-")
                    .append(e.kind())
                    .append(crossHost ? " cross-host" : "")
                    .append("\" d=\"M ")
                    .append(x1)
                    .append(' ')
                    .append(y1)
                    .append(" C ")
                    .append(x1 + bend)
                    .append(' ')
                    .append(y1)
                    .append(", ")
                    .append(x2 - bend)
                    .append(' ')
                    .append(y2)
                    .append(", ")
                    .append(x2)
                    .append(' ')
                    .append(y2)
                    .append("\" marker-end=\"url(#arrow)\"><title>")
                    .append(e.kind())
                    .append("</title></path>\n");
        }
        for (int i = 0; i < nodes.size(); i++) {
            Dag.Node n = nodes.get(i);
            out.append("<g class=\"node status-")
                    .append(n.status())
                    .append("\" data-host=\"")
                    .append(Xml.escape(n.host()))
                    .append("\" data-id=\"")
                    .append(Xml.escape(n.id()))
                    .append("\"><title>")
                    .append(Xml.escape(n.host() + " / " + n.id() + " [" + n.module() + "]: " + n.status()))
                    .append("</title><rect x=\"")
                    .append(x[i])
                    .append("\" y=\"")
                    .append(y[i])
                    .append("\" width=\"")
                    .append(BOX_W)
                    .append("\" height=\"")
                    .append(BOX_H)
                    .append("\" rx=\"6\" fill=\"")
                    .append(FILL.getOrDefault(n.status(), "#fff"))
                    .append("\"/><text x=\"")
                    .append(x[i] + 8)
                    .append("\" y=\"")
                    .append(y[i] + BOX_H / 2 + 4)
                    .append("\">")
                    .append(Xml.escape(shorten(n.id(), 24)))
                    .append("</text></g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    static String legend() {
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        for (String s : List.of("ok", "changed", "failed", "skipped", "deferred", "unreachable")) {
            out.append("<li><span class=\"swatch\" style=\"background:")
                    .append(FILL.get(s))
                    .append("\"></span>")
                    .append(s)
                    .append("</li>");
        }
        return out.append("<li>- - - notify</li><li><b>&#8212;</b> after (cross-host)</li></ul>\n")
                .toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
