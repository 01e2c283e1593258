package dev.converge.modules.command;

import dev.converge.spi.Change;
import dev.converge.spi.Change.FieldChange;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a program with arguments. With a guard ({@code creates}, {@code removes}, {@code unless})
 * it runs only when needed and must be satisfied afterwards; without one it runs every time.
 */
public final class CommandModule implements Module<CommandParams> {

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Class<CommandParams> paramsType() {
        return CommandParams.class;
    }

    @Override
    public List<ParamProblem> validate(CommandParams p, TemplateRenderer templates) {
        List<ParamProblem> problems = new ArrayList<>();
        checkArgv("cmd", p.cmd(), true, problems);
        checkArgv("unless", p.unless(), false, problems);
        for (String[] path : new String[][] {{"creates", p.creates()}, {"removes", p.removes()}}) {
            if (path[1] != null && !path[1].startsWith("/")) {
                problems.add(new ParamProblem(
                        path[0],
                        path[0] + " must be an absolute path",
                        "write " + path[0] + ": /var/lib/example/done"));
            }
        }
        return problems;
    }

    private static void checkArgv(String name, List<String> argv, boolean required, List<ParamProblem> problems) {
        if (argv == null || argv.isEmpty()) {
            if (required) {
                problems.add(new ParamProblem(
                        name,
                        "missing required parameter '" + name + "'",
                        "write " + name + ": [program, arg1, arg2]"));
            }
            return;
        }
        if (argv.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            problems.add(new ParamProblem(name, name + " holds an empty or NUL argument", "remove it"));
        } else if (argv.size() == 1 && argv.get(0).strip().contains(" ")) {
            problems.add(new ParamProblem(
                    name,
                    name + " must be an argument list, not a shell string: '" + argv.get(0) + "'",
                    "write " + name + ": ["
                            + String.join(", ", argv.get(0).strip().split("\\s+"))
                            + "] (for shell syntax: [sh, -c, '...'])"));
        }
    }

    @Override
    public Set<Fact> facts(CommandParams p) {
        Set<Fact> facts = new LinkedHashSet<>();
        if (p.creates() != null) {
            facts.add(new Fact.FileRead(p.creates()));
        }
        if (p.removes() != null) {
            facts.add(new Fact.FileRead(p.removes()));
        }
        if (p.unless() != null && !p.unless().isEmpty()) {
            facts.add(new Fact.CommandRun(p.unless()));
        }
        return facts;
    }

    @Override
    public Change plan(CommandParams p, PlanContext context) {
        if (p.creates() != null && context.facts().file(p.creates()).exists()) {
            return Change.none();
        }
        if (p.removes() != null && !context.facts().file(p.removes()).exists()) {
            return Change.none();
        }
        if (p.unless() != null
                && !p.unless().isEmpty()
                && context.facts().command(p.unless()).succeeded()) {
            return Change.none();
        }
        Change run = Change.of(
                List.of(new Operation.RunCommand(p.cmd(), p.stdin())),
                List.of(new FieldChange("run", "", String.join(" ", p.cmd()))));
        boolean guarded = p.creates() != null
                || p.removes() != null
                || (p.unless() != null && !p.unless().isEmpty());
        return guarded ? run : run.nonConverging();
    }
}
