package dev.converge.exec;

import dev.converge.spi.Operation;
import dev.converge.transport.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a host's batch of steps into ONE shell script (run as {@code sh -s}). Files are written
 * to a temp file in the same directory, given their owner and mode, fsynced and renamed over the
 * old one, so a file is always the old or the new content. A file written by several steps of the
 * batch is written once, with its final content, by the last of them. Each step reports its exit
 * code and output behind a nonce marker; a step whose dependency failed is skipped.
 */
final class ApplyScript {
    private static final String PRELUDE = """
            umask 022
            t=$(mktemp -d) || exit 90
            trap 'rm -rf "$t"' EXIT
            cv_attr() {
              { [ -z "$2" ] || chmod "$2" -- "$1"; } && { [ -z "$3" ] || chown "$3" -- "$1"; } && { [ -z "$4" ] || chgrp "$4" -- "$1"; }
            }
            cv_write() {
              p=$1
              if [ -L "$p" ]; then p=$(readlink -f -- "$p") || return 1; fi
              d=$(dirname -- "$p"); tmp="$d/.$(basename -- "$p").converge-$N.tmp"
              base64 -d > "$tmp" || { rm -f -- "$tmp"; return 1; }
              if [ -e "$p" ]; then chown --reference="$p" -- "$tmp" 2>/dev/null; chmod --reference="$p" -- "$tmp"; else chmod 0644 -- "$tmp"; fi
              cv_attr "$tmp" "$2" "$3" "$4" && sync -- "$tmp" && mv -f -- "$tmp" "$p" && sync -- "$d" || { rm -f -- "$tmp"; return 1; }
            }
            cv_dir() {
              mkdir -p -- "$1" && cv_attr "$1" "$2" "$3" "$4"
            }
            cv_report() {
              echo "@@$N R $1 $2"; base64 -w0 "$t/o"; echo; base64 -w0 "$t/e"; echo
            }
            """;

    private ApplyScript() {}

    /** Steps whose file writes were folded into a later step's write of the same path. */
    record Built(byte[] script, Map<Integer, Integer> mergedInto) {}

    static Built build(List<ApplyStep> steps, String nonce) {
        Map<String, Integer> lastWrite = new HashMap<>();
        Map<String, Operation.WriteFile> folded = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Operation op : steps.get(i).operations()) {
                if (op instanceof Operation.WriteFile w) {
                    lastWrite.put(w.path(), i);
                    folded.merge(w.path(), w, ApplyScript::fold);
                }
            }
        }
        Map<Integer, Integer> mergedInto = new HashMap<>();
        StringBuilder s = new StringBuilder("N=").append(nonce).append('\n').append(PRELUDE);
        for (int i = 0; i < steps.size(); i++) {
            ApplyStep step = steps.get(i);
            List<String> lines = new ArrayList<>();
            for (Operation op : step.operations()) {
                if (op instanceof Operation.WriteFile w) {
                    if (lastWrite.get(w.path()) != i) {
                        mergedInto.merge(i, lastWrite.get(w.path()), Math::max);
                        continue;
                    }
                    op = folded.get(w.path());
                }
                lines.add(render(op, nonce));
            }
            appendStep(s, i, step, lines);
        }
        s.append("echo \"@@$N end\"\n");
        return new Built(s.toString().getBytes(StandardCharsets.UTF_8), mergedInto);
    }

    /**
     * Two writes of one file in a batch become one: the later content, and for mode, owner and
     * group the later value where it sets one (an earlier step may have created the file 0640).
     */
    private static Operation.WriteFile fold(Operation.WriteFile earlier, Operation.WriteFile later) {
        return new Operation.WriteFile(later.path(), later.content(), pick(later.mode(), earlier.mode()),
                pick(later.owner(), earlier.owner()), pick(later.group(), earlier.group()));
    }

    private static String pick(String later, String earlier) {
        return later.isEmpty() ? earlier : later;
    }

    private static void appendStep(StringBuilder s, int index, ApplyStep step, List<String> lines) {
        s.append("r").append(index).append("=1\n");
        StringBuilder condition = new StringBuilder("true");
        step.dependsOn().forEach(d -> condition.append(" && [ \"$r").append(d).append("\" = 0 ]"));
        if (!step.anyOf().isEmpty()) {
            condition.append(" && { false");
            step.anyOf().forEach(d -> condition.append(" || [ \"$r").append(d).append("\" = 0 ]"));
            condition.append("; }");
        }
        s.append("if ").append(condition).append("; then\n");
        s.append("( set -e\n");
        lines.forEach(line -> s.append(line).append('\n'));
        s.append(":\n) </dev/null >\"$t/o\" 2>\"$t/e\"; r").append(index).append("=$?\n");
        s.append("cv_report ").append(index).append(" \"$r").append(index).append("\"\n");
        s.append("else echo \"@@$N R ").append(index).append(" skip\"; fi\n");
    }

    private static String render(Operation op, String nonce) {
        if (op instanceof Operation.WriteFile w) {
            String marker = "CONVERGE_" + nonce;
            return "cv_write " + ShellQuote.join(List.of(w.path(), w.mode(), w.owner(), w.group())) + " <<'" + marker + "'\n"
                    + Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(w.content()) + "\n" + marker;
        }
        if (op instanceof Operation.MakeDirectory d) {
            return "cv_dir " + ShellQuote.join(List.of(d.path(), d.mode(), d.owner(), d.group()));
        }
        if (op instanceof Operation.SetAttributes a) {
            return "cv_attr " + ShellQuote.join(List.of(a.path(), a.mode(), a.owner(), a.group()));
        }
        if (op instanceof Operation.RemovePath r) {
            return "rm -rf -- " + ShellQuote.quote(r.path());
        }
        Operation.RunCommand run = (Operation.RunCommand) op;
        if (run.input().isEmpty()) {
            return ShellQuote.join(run.argv());
        }
        String marker = "CONVERGE_" + nonce;
        return "base64 -d <<'" + marker + "' | " + ShellQuote.join(run.argv()) + "\n"
                + dev.converge.gather.GatherScript.base64(run.input()) + "\n" + marker;
    }

    /** Parses the per-step results; a step with no result line (script cut short) is absent. */
    static Map<Integer, StepResult> parse(byte[] stdout, String nonce) {
        Map<Integer, StepResult> out = new HashMap<>();
        String[] lines = new String(stdout, StandardCharsets.UTF_8).split("\n", -1);
        String marker = "@@" + nonce + " R ";
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith(marker)) {
                continue;
            }
            String[] parts = lines[i].substring(marker.length()).strip().split(" ");
            int index = Integer.parseInt(parts[0]);
            if (parts[1].equals("skip")) {
                out.put(index, new StepResult(-1, "", ""));
                continue;
            }
            String o = i + 1 < lines.length ? decode(lines[i + 1]) : "";
            String e = i + 2 < lines.length ? decode(lines[i + 2]) : "";
            out.put(index, new StepResult(Integer.parseInt(parts[1]), o, e));
        }
        return out;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
