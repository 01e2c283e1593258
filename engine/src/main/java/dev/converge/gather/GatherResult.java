package dev.converge.gather;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed answer to a {@link GatherScript}: every fact's value and the host facts. */
public record GatherResult(Map<Fact, Object> values, Map<String, String> hostFacts, List<String> removedLeftovers, String lastLockRun) {

    public GatherResult {
        values = Map.copyOf(values);
        hostFacts = Map.copyOf(hostFacts);
        removedLeftovers = List.copyOf(removedLeftovers);
        lastLockRun = lastLockRun == null ? "" : lastLockRun;
    }

    public GatherResult(Map<Fact, Object> values, Map<String, String> hostFacts) {
        this(values, hostFacts, List.of(), "");
    }

    public FileInfo file(Fact.FileRead fact) {
        return (FileInfo) values.get(fact);
    }

    public CommandOutput command(Fact.CommandRun fact) {
        return (CommandOutput) values.get(fact);
    }

    /**
     * Parses the script's output.
     *
     * @throws IllegalStateException if the output is cut short or malformed (a broken host shell)
     */
    public static GatherResult parse(List<Fact> facts, String nonce, byte[] stdout) {
        String text = new String(stdout, StandardCharsets.UTF_8);
        List<String> leftovers = new ArrayList<>();
        String leftoverMarker = "@@" + nonce + " leftover ";
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(leftoverMarker)) {
                leftovers.add(line.substring(leftoverMarker.length()));
            }
        }
        Map<String, List<String>> sections = sections(text, "@@" + nonce + " ");
        if (!sections.containsKey("end")) {
            throw new IllegalStateException("the gather script stopped early (output cut short)");
        }
        Map<Fact, Object> values = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            List<String> lines = sections.getOrDefault(String.valueOf(i), List.of());
            Fact fact = facts.get(i);
            values.put(fact, fact instanceof Fact.FileRead f ? parseFile(f.path(), lines) : parseCommand(lines));
        }
        Map<String, String> host = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("host", List.of())) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                host.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String lockRun = sections.getOrDefault("lock", List.of()).stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return new GatherResult(values, host, leftovers, lockRun);
    }

    private static Map<String, List<String>> sections(String text, String marker) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(marker + "leftover ")) {
                continue;
            }
            if (line.startsWith(marker)) {
                current = new ArrayList<>();
                out.put(line.substring(marker.length()).strip(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }

    private static FileInfo parseFile(String path, List<String> lines) {
        if (lines.isEmpty() || lines.get(0).equals("absent")) {
            return FileInfo.absent(path);
        }
        String[] head = lines.get(0).split(" ");
        FileInfo.Kind kind = switch (head[0]) {
            case "file" -> FileInfo.Kind.FILE;
            case "directory" -> FileInfo.Kind.DIRECTORY;
            case "link" -> FileInfo.Kind.LINK;
            default -> FileInfo.Kind.OTHER;
        };
        String mode = head.length > 1 && !head[1].equals("-") ? String.format("%04o", Integer.parseInt(head[1], 8)) : "";
        String owner = head.length > 2 && !head[2].equals("-") ? head[2] : "";
        String group = head.length > 3 && !head[3].equals("-") ? head[3] : "";
        byte[] content = null;
        if (kind == FileInfo.Kind.FILE) {
            String encoded = lines.size() > 1 ? lines.get(1) : "";
            if (encoded.startsWith("!")) {
                throw new IllegalStateException("cannot read " + path + " on the host (permission denied?)");
            }
            content = Base64.getDecoder().decode(encoded);
        }
        return new FileInfo(path, kind, mode, owner, group, content);
    }

    private static CommandOutput parseCommand(List<String> lines) {
        int exit = lines.isEmpty() || !lines.get(0).startsWith("exit ") ? 127 : Integer.parseInt(lines.get(0).substring(5).strip());
        String out = lines.size() > 1 ? decode(lines.get(1)) : "";
        String err = lines.size() > 2 ? decode(lines.get(2)) : "";
        return new CommandOutput(exit, out, err);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }
}
