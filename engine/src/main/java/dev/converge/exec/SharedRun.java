package dev.converge.exec;

import dev.converge.transport.ShellQuote;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The script text of a {@link SharedCommands.Run}: each member's operations before the shared
 * command (in order, each member on its own conditions), the shared command once with the
 * arguments of the members still fine, then each member's operations after it and its report.
 *
 * <p>A member's status {@code rI} is {@code skip} (a dependency failed before it started), 0 (fine
 * so far) or the exit code that ended it. The shared command's arguments are chosen on the host
 * from those statuses: an argument is given when one of the members that asked for it is still
 * fine, so a member that failed first adds nothing, and an argument asked for twice is given once.
 * Its exit code and output become every taking part member's.
 */
final class SharedRun {
    private SharedRun() {}

    static void append(
            StringBuilder s, StringBuilder bodies, SharedCommands.Run run, List<ApplyStep> steps, int g, String nonce) {
        String shared = "g" + g;
        for (int i : run.steps()) {
            ApplyStep step = steps.get(i);
            int at = SharedCommands.split(step);
            s.append("r").append(i).append("=skip\n");
            s.append("if ")
                    .append(allFine(step.dependsOn()))
                    .append("; then r")
                    .append(i)
                    .append("=0");
            if (at > 0) {
                ApplyScript.body(bodies, "s" + i + "a", step.operations().subList(0, at), nonce);
                s.append("; cv_run s")
                        .append(i)
                        .append("a ")
                        .append(i)
                        .append("; r")
                        .append(i)
                        .append("=$?");
            }
            s.append("; fi\n");
        }
        bodies.append("cv_").append(shared).append("() {\nset --\n");
        run.args()
                .forEach((arg, by) -> bodies.append("if ")
                        .append(anyFine(by))
                        .append("; then set -- \"$@\" ")
                        .append(ShellQuote.quote(arg))
                        .append("; fi\n"));
        bodies.append(ShellQuote.join(run.head())).append(" \"$@\" || return $?\n}\n");
        s.append("if ").append(anyFine(run.steps())).append("; then\n");
        s.append("cv_run ").append(shared).append(' ').append(shared).append("; g=$?\n");
        for (int i : run.steps()) {
            s.append("if [ \"$r")
                    .append(i)
                    .append("\" = 0 ]; then r")
                    .append(i)
                    .append("=$g; cv_share ")
                    .append(shared)
                    .append(' ')
                    .append(i)
                    .append("; fi\n");
        }
        s.append("fi\n");
        for (int i : run.steps()) {
            ApplyStep step = steps.get(i);
            int at = SharedCommands.split(step);
            List<Integer> membersBefore =
                    step.dependsOn().stream().filter(run.steps()::contains).toList();
            if (at + 1 < step.operations().size()) {
                ApplyScript.body(
                        bodies,
                        "s" + i + "b",
                        step.operations().subList(at + 1, step.operations().size()),
                        nonce);
                s.append("if [ \"$r").append(i).append("\" = 0 ]; then\n");
                s.append("if ")
                        .append(allFine(membersBefore))
                        .append("; then cv_run s")
                        .append(i)
                        .append("b ")
                        .append(i)
                        .append("; r")
                        .append(i)
                        .append("=$?\n");
                s.append("else r")
                        .append(i)
                        .append("=1; echo 'converge: its operations after the shared command did not run: "
                                + "a resource it depends on failed' >> \"$t/e")
                        .append(i)
                        .append("\"; fi\n");
                s.append("fi\n");
            }
            s.append("if [ \"$r")
                    .append(i)
                    .append("\" = skip ]; then echo \"@@$N R ")
                    .append(i)
                    .append(" skip\"; else cv_report ")
                    .append(i)
                    .append(" \"$r")
                    .append(i)
                    .append("\"; fi\n");
        }
    }

    private static String allFine(List<Integer> steps) {
        return "true" + steps.stream().map(d -> " && [ \"$r" + d + "\" = 0 ]").collect(Collectors.joining());
    }

    private static String anyFine(List<Integer> steps) {
        return "{ false"
                + steps.stream().map(d -> " || [ \"$r" + d + "\" = 0 ]").collect(Collectors.joining()) + "; }";
    }
}
