package dev.converge.gather;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.UnreadableFactException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed answer to a {@link GatherScript}: every fact's value (a {@link FileInfo}, a
 * {@link CommandOutput}, or {@link Unreadable}) and the host facts. A file that could not be read
 * (unreadable, larger than the limit, behind a symlink the link rule does not follow) is
 * {@link Unreadable}: the resources that read it fail with its reason; the others go on.
 */
public record GatherResult(
        Map<Fact, Object> values,
        Map<String, String> hostFacts,
        List<String> removedLeftovers,
        String lastLockRun,
        List<String> pendingLines) {

    public GatherResult {
        values = Map.copyOf(values);
        hostFacts = Map.copyOf(hostFacts);
        removedLeftovers = List.copyOf(removedLeftovers);
        lastLockRun = lastLockRun == null ? "" : lastLockRun;
        pendingLines = List.copyOf(pendingLines);
    }

    public GatherResult(
            Map<Fact, Object> values,
            Map<String, String> hostFacts,
            List<String> removedLeftovers,
            String lastLockRun) {
        this(values, hostFacts, removedLeftovers, lastLockRun, List.of());
    }

    public GatherResult(Map<Fact, Object> values, Map<String, String> hostFacts) {
        this(values, hostFacts, List.of(), "");
    }

    /** The ids of the handlers an earlier run left pending for {@code host} (see {@link PendingHandlers}). */
    public Set<String> pendingHandlers(String host) {
        return PendingHandlers.of(pendingLines, host);
    }

    /** A fact that could not be read on the host, and why. */
    public record Unreadable(String reason) {}

    /** @throws UnreadableFactException when the file could not be read */
    public FileInfo file(Fact.FileRead fact) {
        Object value = values.get(fact);
        if (value == null) { // the path read with the other follow setting
            value = values.get(new Fact.FileRead(fact.path(), !fact.follow()));
        }
        return (FileInfo) readable(value);
    }

    /** @throws UnreadableFactException when the command's output could not be read */
    public CommandOutput command(Fact.CommandRun fact) {
        return (CommandOutput) readable(values.get(fact));
    }

    private static Object readable(Object value) {
        if (value instanceof Unreadable u) {
            throw new UnreadableFactException(u.reason());
        }
        return value;
    }

    /**
     * Parses the script's output.
     *
     * @throws IllegalStateException if the output is cut short or malformed (a broken host shell)
     */
    public static GatherResult parse(List<Fact> facts, String nonce, byte[] stdout) {
        try {
            return parseOrThrow(facts, nonce, stdout);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the gather script's output is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static GatherResult parseOrThrow(List<Fact> facts, String nonce, byte[] stdout) {
        String text = new String(stdout, StandardCharsets.UTF_8);
        String marker = "@@" + nonce + " ";
        List<String> leftovers = new ArrayList<>();
        Map<String, List<String>> sections = sections(text, marker, leftovers);
        if (!sections.containsKey("end")) {
            throw new IllegalStateException("the gather script stopped early (output cut short)");
        }
        String missing =
                String.join(" ", sections.getOrDefault("needs", List.of())).strip();
        if (missing.startsWith("missing ")) {
            throw new IllegalStateException("the host lacks what converge needs:"
                    + missing.substring("missing".length()) + " (see docs/host-requirements.md)");
        }
        Map<String, String> firstWords = keyed(sections.get("kinds"));
        Map<String, String> exits = keyed(sections.get("exits"));
        GatherParts parts = GatherParts.parse(sections, marker);
        Map<String, String[]> attributes = attributes(text(parts.get("st")).split("\n"));
        Map<String, String> host = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("host", List.of())) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                host.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<Fact, Object> values = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            String id = String.valueOf(i);
            Fact fact = facts.get(i);
            if (fact instanceof Fact.FileRead f) {
                values.put(
                        fact,
                        fileOrUnreadable(f.path(), firstWords.get(id), attributes.get(f.path()), parts, "c" + id));
            } else if ("skip".equals(exits.get(id)) && fact instanceof Fact.CommandRun c) {
                values.put(
                        fact,
                        new Unreadable("not run on this host: it is read where " + c.when() + ", and this host's "
                                + c.when().hostFact() + " is '"
                                + host.getOrDefault(c.when().hostFact(), "") + "'"));
            } else {
                values.put(fact, command(exits.get(id), parts, id));
            }
        }
        List<String> pending = sections.getOrDefault("pending", List.of()).stream()
                .filter(l -> !l.isBlank())
                .toList();
        return new GatherResult(values, host, leftovers, lockRun(sections.get("lock")), pending);
    }

    /** Lines after each marker line, by the marker's name; leftover reports are collected apart. */
    private static Map<String, List<String>> sections(String text, String marker, List<String> leftovers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(marker + "leftover ")) {
                leftovers.add(line.substring(marker.length() + "leftover ".length()));
            } else if (line.startsWith(marker)) {
                current = new ArrayList<>();
                out.put(line.substring(marker.length()).strip(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }

    /** "ID VALUE" lines by ID. */
    private static Map<String, String> keyed(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        for (String line : lines == null ? List.<String>of() : lines) {
            int space = line.indexOf(' ');
            if (space > 0) {
                out.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return out;
    }

    /** {@code stat -c '%s %a %U %G %n'} lines by path: {mode, owner, group} (paths hold no newline). */
    private static Map<String, String[]> attributes(String[] statLines) {
        Map<String, String[]> out = new HashMap<>();
        for (String record : statLines) {
            String[] fields = record.split(" ", 5);
            if (fields.length == 5) {
                out.put(fields[4], new String[] {fields[1], fields[2], fields[3]});
            }
        }
        return out;
    }

    private static Object fileOrUnreadable(
            String path, String kindWord, String[] attributes, GatherParts parts, String contentId) {
        String[] words = kindWord == null ? new String[] {"absent"} : kindWord.split(" ", 2);
        String detail = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "unreadable" -> {
                return new Unreadable("cannot read " + path + " on the host (permission denied)");
            }
            case "big" -> {
                return new Unreadable(path + " is " + detail
                        + " bytes, more than converge reads (host variable converge_max_file_bytes, default "
                        + GatherScript.DEFAULT_MAX_FILE_BYTES + ")");
            }
            case "unsafe" -> {
                return new Unreadable(detail.replaceFirst("^converge: ", "").strip());
            }
            default -> {}
        }
        if ("file".equals(kindWord) && parts.get(contentId) == null) {
            return new Unreadable(
                    "cannot read " + path + " on the host (permission denied, or it changed while being read)");
        }
        return file(path, kindWord, attributes, parts, contentId);
    }

    private static FileInfo file(
            String path, String kindWord, String[] attributes, GatherParts parts, String contentId) {
        if (kindWord == null || kindWord.equals("absent")) {
            return FileInfo.absent(path);
        }
        FileInfo.Kind kind = switch (kindWord) {
            case "file" -> FileInfo.Kind.FILE;
            case "directory" -> FileInfo.Kind.DIRECTORY;
            case "link" -> FileInfo.Kind.LINK;
            default -> FileInfo.Kind.OTHER;
        };
        String mode = attributes == null ? "" : String.format("%04o", Integer.parseInt(attributes[0], 8));
        String owner = attributes == null ? "" : attributes[1];
        String group = attributes == null ? "" : attributes[2];
        byte[] content = kind == FileInfo.Kind.FILE ? parts.get(contentId) : null;
        return new FileInfo(path, kind, mode, owner, group, content);
    }

    private static CommandOutput command(String exit, GatherParts parts, String id) {
        int code = exit == null ? 127 : Integer.parseInt(exit);
        return new CommandOutput(code, text(parts.get("o" + id)), text(parts.get("e" + id)));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The run id of the lock file's holder line, hex digits only. */
    private static String lockRun(List<String> lines) {
        String first = lines == null
                ? ""
                : lines.stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .findFirst()
                        .orElse("");
        Matcher hex = Pattern.compile("^[0-9a-f]*").matcher(first);
        return hex.find() ? hex.group() : "";
    }
}
