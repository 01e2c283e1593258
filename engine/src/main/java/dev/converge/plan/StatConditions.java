package dev.converge.plan;

import dev.converge.config.Templating;
import dev.converge.diag.Problem;
import dev.converge.model.YamlValue;
import dev.converge.spi.FileInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code facts.stat[PATH]} in {@code when:} conditions: the paths are found in the condition's text
 * and evaluated with the host's variables before any host is read, so the gather reads them in its
 * one round trip (as {@code FileRead}s); a path that needs facts is invalid input. At plan time a
 * path's entry is its predicted state (the files the resources planned before it write), else what
 * the gather read: {@code exists}, {@code isdir}, {@code isfile}, {@code islink}, {@code mode},
 * {@code owner}, {@code group}, {@code size} and {@code sha256} (regular files).
 */
public final class StatConditions {
    private static final Pattern START = Pattern.compile("\\bfacts\\s*\\.\\s*stat\\s*\\[");

    private StatConditions() {}

    /** The paths a condition stats on one host, and the problems of those it cannot know before the gather. */
    public record Resolved(Set<String> paths, List<Problem> problems) {}

    /** @param model the host's variables (without facts) */
    public static Resolved resolve(YamlValue when, Map<String, Object> model, Templating templating) {
        Set<String> paths = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        if (when == null) {
            return new Resolved(paths, problems);
        }
        List<YamlValue> parts = when instanceof YamlValue.Sequence seq ? seq.items() : List.of(when);
        for (YamlValue part : parts) {
            if (!(part instanceof YamlValue.Scalar s) || !(s.value() instanceof String text)) {
                continue;
            }
            for (String key : keys(text)) {
                if (key == null) {
                    problems.add(new Problem(
                            part.at(),
                            "when: facts.stat[ has no closing ]",
                            "write facts.stat[\"/etc/example\"].exists"));
                    continue;
                }
                try {
                    Object path = templating.evaluate(key, model, 1);
                    if (path instanceof String p && p.startsWith("/") && !p.contains("\n") && p.indexOf('\0') < 0) {
                        paths.add(p);
                    } else {
                        problems.add(new Problem(
                                part.at(),
                                "when: facts.stat[" + key + "] needs an absolute path, got " + describe(path),
                                "write facts.stat[\"/etc/example\"]"));
                    }
                } catch (Templating.RenderException e) {
                    problems.add(new Problem(
                            part.at(),
                            "when: the path of facts.stat[" + key + "] must be known before the host is read ("
                                    + e.failure().reason() + ")",
                            "name it with text and variables, e.g. facts.stat[conf_dir + \"/x.conf\"]; "
                                    + "facts cannot name it: they come from the same read"));
                }
            }
        }
        return new Resolved(paths, problems);
    }

    /** The key expressions of every {@code facts.stat[...]} of the text; null for one with no closing bracket. */
    static List<String> keys(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = START.matcher(text);
        int from = 0;
        while (m.find(from)) {
            int depth = 1;
            char quote = 0;
            int i = m.end();
            for (; i < text.length() && depth > 0; i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
            }
            if (depth > 0) {
                out.add(null);
                break;
            }
            out.add(text.substring(m.end(), i - 1).strip());
            from = i;
        }
        return out;
    }

    /** The {@code stat} map of the facts, each path as {@code state} gives it. */
    public static Map<String, Object> stats(Set<String> paths, Function<String, FileInfo> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String path : paths) {
            FileInfo f = state.apply(path);
            out.put(path, entry(f == null ? FileInfo.absent(path) : f));
        }
        return out;
    }

    /** Placeholders (every path absent) to check conditions before any host is read. */
    public static Map<String, Object> placeholders(Set<String> paths) {
        return stats(paths, FileInfo::absent);
    }

    static Map<String, Object> entry(FileInfo f) {
        Map<String, Object> e = new LinkedHashMap<>();
        byte[] content = f.content();
        e.put("exists", f.exists());
        e.put("isdir", f.kind() == FileInfo.Kind.DIRECTORY);
        e.put("isfile", f.kind() == FileInfo.Kind.FILE);
        e.put("islink", f.kind() == FileInfo.Kind.LINK);
        e.put("mode", f.mode());
        e.put("owner", f.owner());
        e.put("group", f.group());
        e.put("size", content == null ? 0L : (long) content.length);
        e.put("sha256", content == null ? "" : sha256(content));
        return e;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
