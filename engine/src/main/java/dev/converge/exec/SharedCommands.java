package dev.converge.exec;

import dev.converge.spi.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a batch shares commands ({@link Operation.MergeableCommand}): the steps are laid out as
 * units, each a step alone or a run of consecutive steps whose first mergeable command has the same
 * head. Pure: the script renders the units ({@link ApplyScript}).
 *
 * <p>Only consecutive steps join a run: a step between two candidates that is not one itself ends
 * the run, so no step ever runs before or after a step it was ordered against, except the members'
 * operations around the shared command (which is what the module asked for by making it mergeable).
 * A handler (a step run on its notifiers' success) never joins: its condition is not a member's.
 */
final class SharedCommands {
    private SharedCommands() {}

    /** One piece of the batch's layout. */
    sealed interface Unit permits Alone, Run {}

    /** A step run as it is. */
    record Alone(int step) implements Unit {}

    /**
     * Steps sharing one command.
     *
     * @param steps the members' indexes in the batch, ascending and consecutive
     * @param head the shared command's fixed part
     * @param args each merged argument (in the order they first appear), with the members that give it
     */
    record Run(List<Integer> steps, List<String> head, Map<String, List<Integer>> args) implements Unit {
        Run {
            steps = List.copyOf(steps);
            head = List.copyOf(head);
            Map<String, List<Integer>> copy = new LinkedHashMap<>();
            args.forEach((a, by) -> copy.put(a, List.copyOf(by)));
            args = Collections.unmodifiableMap(copy);
        }
    }

    /** The index of a step's first mergeable command, or -1. */
    static int split(ApplyStep step) {
        for (int i = 0; i < step.operations().size(); i++) {
            if (step.operations().get(i) instanceof Operation.MergeableCommand) {
                return i;
            }
        }
        return -1;
    }

    static List<Unit> layout(List<ApplyStep> steps) {
        List<Unit> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        List<String> head = null;
        for (int i = 0; i < steps.size(); i++) {
            ApplyStep step = steps.get(i);
            int at = step.anyOf().isEmpty() ? split(step) : -1;
            List<String> h = at < 0
                    ? null
                    : ((Operation.MergeableCommand) step.operations().get(at)).head();
            if (h != null && h.equals(head)) {
                run.add(i);
                continue;
            }
            close(run, steps, out);
            run = new ArrayList<>();
            head = h;
            if (h != null) {
                run.add(i);
            } else {
                out.add(new Alone(i));
            }
        }
        close(run, steps, out);
        return List.copyOf(out);
    }

    private static void close(List<Integer> run, List<ApplyStep> steps, List<Unit> out) {
        if (run.size() == 1) {
            out.add(new Alone(run.get(0)));
        } else if (run.size() > 1) {
            Map<String, List<Integer>> args = new LinkedHashMap<>();
            List<String> head = null;
            for (int i : run) {
                Operation.MergeableCommand c =
                        (Operation.MergeableCommand) steps.get(i).operations().get(split(steps.get(i)));
                head = c.head();
                for (String a : c.args()) {
                    List<Integer> by = args.computeIfAbsent(a, k -> new ArrayList<>());
                    if (!by.contains(i)) {
                        by.add(i);
                    }
                }
            }
            out.add(new Run(run, head, args));
        }
    }
}
