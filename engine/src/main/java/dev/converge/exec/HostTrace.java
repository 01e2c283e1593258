package dev.converge.exec;

import dev.converge.gather.GatherResult;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a host session tells for {@code -v}/{@code -vv}/{@code -vvv}, as text lines: the facts read
 * (level 1), the operations sent (level 1), each round trip's time (level 2), the scripts (level 3,
 * with every embedded payload, file contents and command input, left out: they are base64, which
 * masking could not recognise). The session only hands lines to its {@link Sink}; reporters print.
 */
public final class HostTrace {
    private HostTrace() {}

    /** Where a session's trace goes (the run turns it into report events; the engine never prints). */
    @FunctionalInterface
    public interface Sink {
        Sink NONE = (host, level, title, lines) -> {};

        void trace(String host, int level, String title, List<String> lines);
    }

    /** The host facts and every fact read: names and short values (a file's kind, mode, owner, size; a command's exit and first line). */
    static List<String> facts(List<Fact> facts, GatherResult read) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(read.hostFacts()).forEach((k, v) -> out.add("facts." + k + " = " + v));
        for (Fact fact : facts) {
            Object value = read.values().get(fact);
            if (fact instanceof Fact.FileRead f) {
                out.add("file " + f.path() + ": " + file(value));
            } else if (fact instanceof Fact.CommandRun c) {
                out.add("command " + ShellQuote.join(c.argv()) + ": " + command(value));
            }
        }
        return out;
    }

    private static String file(Object value) {
        if (value instanceof GatherResult.Unreadable u) {
            return "unreadable (" + u.reason() + ")";
        }
        FileInfo f = (FileInfo) value;
        if (f == null || !f.exists()) {
            return "absent";
        }
        String kind = f.kind().name().toLowerCase(Locale.ROOT);
        return kind + " " + f.mode() + " " + f.owner() + ":" + f.group()
                + (f.kind() == FileInfo.Kind.FILE ? ", " + f.content().length + " bytes" : "");
    }

    private static String command(Object value) {
        if (value instanceof GatherResult.Unreadable u) {
            return "unreadable (" + u.reason() + ")";
        }
        CommandOutput c = (CommandOutput) value;
        if (c == null) {
            return "not run";
        }
        String first = c.stdout().lines().findFirst().orElse("");
        long lines = c.stdout().lines().count();
        return "exit " + c.exitCode()
                + (first.isEmpty()
                        ? ", no output"
                        : ", " + shorten(first) + (lines > 1 ? " (+" + (lines - 1) + " lines)" : ""));
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    /** Each step's operations, one line each, as the host runs them. */
    static List<String> operations(List<ApplyStep> steps) {
        List<String> out = new ArrayList<>();
        for (ApplyStep step : steps) {
            for (Operation op : step.operations()) {
                out.add(step.key().id() + ": " + operation(op));
            }
        }
        return out;
    }

    private static String operation(Operation op) {
        if (op instanceof Operation.WriteFile w) {
            return "write " + w.path() + " (" + w.content().length + " bytes"
                    + (w.mode().isEmpty() ? "" : ", mode " + w.mode()) + ")";
        }
        if (op instanceof Operation.MakeDirectory d) {
            return "mkdir " + d.path();
        }
        if (op instanceof Operation.SetAttributes a) {
            return "set attributes of " + a.path() + (a.mode().isEmpty() ? "" : " mode " + a.mode())
                    + (a.owner().isEmpty() && a.group().isEmpty() ? "" : " owner " + a.owner() + ":" + a.group());
        }
        if (op instanceof Operation.RemovePath r) {
            return "remove " + r.path();
        }
        if (op instanceof Operation.MergeableCommand m) {
            return "run " + ShellQuote.join(m.argv()) + " (one command with the batch's other "
                    + ShellQuote.join(m.head()) + " of the host)";
        }
        Operation.RunCommand run = (Operation.RunCommand) op;
        return "run " + ShellQuote.join(run.effectiveArgv())
                + (run.stdin().length == 0 ? "" : " (with " + run.stdin().length + " bytes of input)");
    }

    private static final Pattern HEREDOC =
            Pattern.compile("<<'(CONVERGE_[0-9a-f]+)'[^\n]*\n(.*?)\n\\1(\n|$)", Pattern.DOTALL);

    /** A script as sent, each embedded payload (between its heredoc markers) replaced by its size. */
    static List<String> script(byte[] script) {
        String text = new String(script, StandardCharsets.UTF_8);
        Matcher m = HEREDOC.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String head = m.group().substring(0, m.group().indexOf('\n') + 1);
            int lines = (int) m.group(2).lines().count();
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(head + "  [" + lines + " line" + (lines == 1 ? "" : "s")
                            + " of base64 payload not shown]\n" + m.group(1) + m.group(3)));
        }
        m.appendTail(out);
        return out.toString().lines().toList();
    }

    /** Milliseconds since {@code startNanos}. */
    static long msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
