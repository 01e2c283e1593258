package dev.converge.saved;

import dev.converge.gather.GatherResult;
import dev.converge.plan.FileDiff;
import dev.converge.report.HostReport;
import dev.converge.report.ResourceReport;
import dev.converge.secret.Secrets;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A host's {@link SavedPlan.SavedHost}: digests of what was read from it and of what was planned there. */
public final class HostDigests {
    private HostDigests() {}

    public static SavedPlan.SavedHost of(
            String host, int stage, GatherResult facts, HostReport planned, Secrets secrets) {
        Map<String, String> digests = new TreeMap<>();
        facts.values().forEach((fact, value) -> digests.put(secrets.mask(label(fact)), digest(fact, value)));
        facts.hostFacts().forEach((name, value) -> digests.put("fact " + name, Digests.of(value)));
        return new SavedPlan.SavedHost(host, stage, planDigest(planned, secrets), digests);
    }

    /** How a fact is named in messages: its path, {@code $ argv}, never a command's input. */
    static String label(Fact fact) {
        if (fact instanceof Fact.CommandRun c) {
            return "$ " + String.join(" ", c.argv()) + (c.input().isEmpty() ? "" : " <input>")
                    + (c.when().always() ? "" : " [where " + c.when() + "]");
        }
        return ((Fact.FileRead) fact).path();
    }

    static String digest(Fact fact, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (fact instanceof Fact.CommandRun c) {
            field(out, c.input());
        }
        if (value instanceof FileInfo f) {
            if (!f.exists()) {
                return "absent";
            }
            field(out, f.kind().name());
            field(out, f.mode());
            field(out, f.owner());
            field(out, f.group());
            byte[] content = f.content();
            out.writeBytes(content == null ? new byte[0] : content);
        } else if (value instanceof CommandOutput o) {
            field(out, String.valueOf(o.exitCode()));
            field(out, o.stdout());
            field(out, o.stderr());
        } else if (value instanceof GatherResult.Unreadable u) {
            field(out, "unreadable: " + u.reason());
        } else {
            field(out, String.valueOf(value));
        }
        return Digests.of(out.toByteArray());
    }

    private static void field(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /** Of the resources as reported (masked): what a reviewer saw, nothing that varies between identical runs. */
    static String planDigest(HostReport planned, Secrets secrets) {
        StringBuilder text = new StringBuilder();
        for (ResourceReport r : planned.resources()) {
            text.append(r.id())
                    .append('\0')
                    .append(r.module())
                    .append('\0')
                    .append(r.status().label())
                    .append('\0')
                    .append(r.message())
                    .append('\0');
            r.fields()
                    .forEach(f -> text.append(f.name())
                            .append('=')
                            .append(f.before())
                            .append("->")
                            .append(f.after())
                            .append('\0'));
            r.diffs()
                    .forEach((FileDiff d) -> text.append(d.path())
                            .append('\n')
                            .append(d.unified())
                            .append('\0'));
            text.append('\n');
        }
        return Digests.of(secrets.mask(text.toString()));
    }
}
