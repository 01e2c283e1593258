package dev.converge.cli;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.report.Dag;
import dev.converge.report.GraphExport;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code --graph FILE}: compiles the run (no host contacted) and writes its graph as DOT or Mermaid. */
final class GraphCommand {
    private GraphCommand() {}

    static int write(RunOptions options, Path file, PrintStream out, PrintStream err) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".dot") || lower.endsWith(".gv") || GraphExport.isMermaid(lower))) {
            return ConvergeCommand.invalid(
                    List.of(new Problem(
                            SourceLocation.of(Path.of("<--graph>")),
                            "--graph writes Graphviz DOT (.dot, .gv) or Mermaid (.mmd, .mermaid), not '"
                                    + file.getFileName() + "'",
                            "write --graph g.dot, then `dot -Tsvg g.dot -o g.svg` for a picture")),
                    err);
        }
        Optional<CompiledRun> compiledOrNot = OfflineCompile.compile(options, err);
        if (compiledOrNot.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        CompiledRun compiled = compiledOrNot.get();
        Dag dag = Dag.of(
                compiled.graph(), List.copyOf(compiled.inventory().hosts().keySet()));
        String name = file.getFileName().toString();
        String text = GraphExport.isMermaid(name) ? GraphExport.mermaid(dag) : GraphExport.dot(dag);
        try {
            Files.writeString(file, compiled.secrets().mask(text), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("converge: cannot write " + file + ": " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        out.printf(
                "wrote the graph of %d resource instance%s on %d host%s to %s (nothing was run)%n",
                dag.nodes().size(),
                dag.nodes().size() == 1 ? "" : "s",
                dag.hosts().size(),
                dag.hosts().size() == 1 ? "" : "s",
                file);
        return ExitCode.OK;
    }
}
