package dev.converge.cli;

import dev.converge.model.Play;
import dev.converge.model.ResourceSpec;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * ansible-playbook's questions about a playbook, answered without contacting any host: the whole
 * input is validated first (exit 3 with every problem), as for a run.
 */
public final class PlaybookQueries {
    @Option(
            names = "--syntax-check",
            description = "Validate the playbook, inventory and variables (every problem at once); contact no host.")
    boolean syntaxCheck;

    @Option(names = "--list-hosts", description = "List the hosts of each play (after --limit); contact no host.")
    boolean listHosts;

    @Option(
            names = "--list-tasks",
            description = "List the resources each play would run (after --tags/--skip-tags); contact no host.")
    boolean listTasks;

    @Option(names = "--list-tags", description = "List the tags of each play; contact no host.")
    boolean listTags;

    @Option(
            names = "--start-at-task",
            paramLabel = "ID",
            description = "Start at this resource (its id, or the name it was derived from): "
                    + "the resources written before it are not run, as if deselected by tags.")
    String startAt = "";

    /** Whether one of the questions was asked (then the playbook is not run). */
    boolean asked() {
        return syntaxCheck || listHosts || listTasks || listTags;
    }

    int answer(RunOptions options, PrintStream out, PrintStream err) {
        Optional<CompiledRun> compiledOrNot = OfflineCompile.compile(options, err);
        if (compiledOrNot.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        CompiledRun compiled = compiledOrNot.get();
        out.println("playbook: " + options.playbook());
        if (syntaxCheck && !(listHosts || listTasks || listTags)) {
            out.println("syntax: ok (" + compiled.graph().size() + " resource instances on "
                    + compiled.graph().hosts().size() + " hosts; nothing was contacted)");
            return ExitCode.OK;
        }
        int number = 0;
        for (Play play : compiled.playbook().plays()) {
            number++;
            out.printf("%n  play #%d (%s): %s%n", number, play.hosts(), play.name());
            if (listHosts) {
                List<String> hosts = hosts(compiled, play, options);
                out.printf("    hosts (%d):%n", hosts.size());
                hosts.forEach(h -> out.println("      " + h));
                if (play.rollout().serial()) {
                    List<List<String>> batches = play.rollout().batches(hosts);
                    for (int i = 0; i < batches.size(); i++) {
                        out.printf(
                                "    batch %d (%d): %s%n",
                                i + 1, batches.get(i).size(), String.join(", ", batches.get(i)));
                    }
                }
            }
            if (listTasks) {
                out.println("    resources:");
                for (ResourceSpec spec : play.resources()) {
                    if (options.selection().selects(spec.tags())) {
                        out.printf(
                                "      %s [%s]%s%n",
                                spec.id(), spec.module(), spec.tags().isEmpty() ? "" : "  TAGS: " + spec.tags());
                    }
                }
            }
            if (listTags) {
                Set<String> tags = new TreeSet<>();
                play.resources().forEach(s -> tags.addAll(s.tags()));
                out.println("    TASK TAGS: " + tags);
            }
        }
        return ExitCode.OK;
    }

    private static List<String> hosts(CompiledRun compiled, Play play, RunOptions options) {
        List<String> hosts =
                new ArrayList<>(compiled.inventory().select(play.hosts(), play.hostsAt(), new ArrayList<>()));
        String limit = options.selection().limit();
        if (!limit.isBlank()) {
            hosts.retainAll(compiled.inventory().select(limit, play.hostsAt(), new ArrayList<>()));
        }
        return hosts;
    }
}
