package dev.converge.bind;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Playbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the operator's selection asks for that the playbook does not have: {@code -t nosuchtag} would silently run nothing. */
public final class SelectionWarnings {
    private static final Set<String> SPECIAL = Set.of("all", "untagged", "tagged", "always", "never");

    private SelectionWarnings() {}

    public static List<Problem> of(Playbook playbook, RunSelection selection) {
        Set<String> known = new TreeSet<>();
        playbook.specs().forEach(s -> known.addAll(s.tags()));
        List<Problem> out = new ArrayList<>();
        unknown("--tags", selection.tags(), known, out);
        unknown("--skip-tags", selection.skipTags(), known, out);
        return out;
    }

    private static void unknown(String flag, Set<String> asked, Set<String> known, List<Problem> out) {
        for (String tag : new TreeSet<>(asked)) {
            if (!SPECIAL.contains(tag) && !known.contains(tag)) {
                String tags = known.isEmpty() ? "it has no tags" : "its tags: " + String.join(", ", known);
                out.add(new Problem(
                        SourceLocation.of(Path.of("<" + flag + ">")),
                        flag + " '" + tag + "' is no tag of the playbook (" + tags + ")"
                                + (flag.equals("--tags") ? ": it selects no resource" : ""),
                        "see --list-tags"));
            }
        }
    }
}
