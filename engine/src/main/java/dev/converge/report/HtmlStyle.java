package dev.converge.report;

/** The HTML report's stylesheet, inlined so the file needs nothing else. */
final class HtmlStyle {
    private HtmlStyle() {}

    static final String CSS = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
            table { border-collapse: collapse; margin: .5em 0; }
            th, td { border: 1px solid #ddd; padding: .3em .6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            .badge { font-weight: 600; }
            .status-ok .badge, .badge.status-ok { color: #2e7d32; }
            .status-changed .badge, .badge.status-changed { color: #a86a00; }
            .status-failed .badge, .badge.status-failed, .status-unreachable .badge, .badge.status-unreachable { color: #c62828; }
            .status-skipped .badge, .badge.status-skipped { color: #757575; }
            .status-deferred .badge, .badge.status-deferred { color: #00838f; }
            .message { color: #8a1c1c; } .warning { color: #8a5a00; }
            dl.run { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; font-size: .9em; color: #444; }
            dl.run dt { font-weight: bold; } dl.run dd { margin: 0; font-family: monospace; overflow-wrap: anywhere; }
            .note { background: #fff8e1; padding: .4em .8em; border-left: 4px solid #ffb300; }
            .graph { overflow-y: auto; overflow-x: hidden; border: 1px solid #ddd; max-height: 70vh; }
            .graph svg.dag { max-width: 100%; height: auto; }
            table.resources { table-layout: fixed; width: 100%; } table.resources td:last-child { overflow-wrap: anywhere; }
            table.resources th:nth-child(-n+3) { width: 14em; } table.resources th:nth-child(3) { width: 7em; }
            .change { border-left: 4px solid #ddd; padding: .2em .8em; margin: .8em 0; }
            .change.status-changed { border-color: #ffb300; } .change.status-failed { border-color: #c62828; }
            .change.status-deferred { border-color: #00838f; }
            .change h3 { font-size: 1em; margin: .3em 0; } .change .module { color: #666; font-weight: normal; }
            .change .same { background: #eef; border-radius: 3px; padding: 0 .4em; font-size: .85em; font-weight: normal; }
            .deferred { color: #00636b; } details.ok summary { cursor: pointer; color: #2e7d32; margin: .4em 0; }
            .dag text { font: 12px sans-serif; fill: #222; } .dag .lane-label { font-weight: 600; }
            .dag .node rect { stroke: #666; stroke-width: 1; }
            .dag .edge { fill: none; stroke: #777; stroke-width: 1.2; }
            .dag .edge-notify, .dag .edge-handler { stroke-dasharray: 5 4; }
            .dag .edge-same_file { stroke-dasharray: 2 3; }
            .dag .cross-host { stroke: #1565c0; stroke-width: 2.2; }
            .legend { list-style: none; padding: 0; display: flex; gap: 1.2em; flex-wrap: wrap; }
            .swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #666; margin-right: .3em; vertical-align: -2px; }
            .file { margin: .4em 0; } .path { font-family: monospace; font-weight: 600; }
            pre.diff { background: #fbfbfb; border: 1px solid #e3e3e3; padding: .4em 0; margin: .2em 0; overflow-x: auto; }
            pre.diff .line { display: block; padding: 0 .6em; white-space: pre; }
            pre.diff .add { background: #e6ffec; } pre.diff .del { background: #ffebe9; }
            pre.diff .hunk { color: #0550ae; background: #ddf4ff; } pre.diff .hdr { font-weight: 600; }
            .tok-comment { color: #6e7781; font-style: italic; } .tok-section { color: #8250df; font-weight: 600; }
            .tok-key { color: #0550ae; } .tok-op { color: #cf222e; } .tok-value { color: #0a3069; }
            del { color: #b42318; } ins { color: #1a7f37; text-decoration: none; }
            """;
}
