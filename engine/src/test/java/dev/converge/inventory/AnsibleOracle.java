package dev.converge.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Ansible (ansible-core, as Debian ships it) as the oracle: {@code ansible-inventory
 * --list} for an inventory, and one {@code ansible-playbook --list-hosts} with a play per pattern.
 */
final class AnsibleOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;

    AnsibleOracle(Path home) {
        this.home = home;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ansible-inventory")) && Files.isExecutable(Path.of("/usr/bin/ansible-playbook"));
    }

    /** The {@code --list} JSON, or null when Ansible could not parse every source (its warning says so). */
    record Listing(JsonNode list, String failure) {}

    Listing list(List<String> sources) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ansible-inventory"));
        sources.forEach(s -> cmd.addAll(List.of("-i", s)));
        cmd.add("--list");
        Result r = run(cmd);
        String failure = null;
        for (String marker : List.of("Unable to parse", "Failed to parse", "ERROR!")) {
            int at = r.err.indexOf(marker);
            if (at >= 0) {
                failure = r.err.substring(at).replaceAll("\\s+", " ").strip();
                break;
            }
        }
        if (failure != null || r.code != 0) {
            return new Listing(null, failure == null ? "exit " + r.code + ": " + r.err.strip() : failure);
        }
        return new Listing(JSON.readTree(r.out), null);
    }

    /** Each pattern's hosts (sorted), or {@code "error: ..."} as a one-element list when Ansible refuses it. */
    Map<String, List<String>> hosts(List<String> sources, List<String> patterns) throws IOException, InterruptedException {
        Path playbook = home.resolve("patterns.yml");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            yaml.append("- name: p").append(i).append("\n  hosts: ").append(JSON.writeValueAsString(patterns.get(i)))
                    .append("\n  gather_facts: false\n  tasks: []\n");
        }
        Files.writeString(playbook, yaml.toString());
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "--list-hosts"));
        sources.forEach(s -> cmd.addAll(List.of("-i", s)));
        cmd.add(playbook.toString());
        Result r = run(cmd);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (r.code != 0) {
            // one bad pattern fails the whole playbook: ask for each pattern alone
            for (String p : patterns) {
                out.put(p, patterns.size() == 1 ? List.of("error: " + r.err.replaceAll("\\s+", " ").strip()) : hosts(sources, List.of(p)).get(p));
            }
            return out;
        }
        String[] lines = r.out.split("\n");
        int play = -1;
        List<String> current = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("play #")) {
                play = Integer.parseInt(t.substring(6, t.indexOf(' ', 6)));
                current = new ArrayList<>();
                out.put(patterns.get(play - 1), current);
            } else if (t.startsWith("hosts (") || t.startsWith("pattern:") || t.isEmpty() || current == null) {
                continue;
            } else {
                current.add(t);
            }
        }
        out.replaceAll((k, v) -> v.stream().sorted().toList());
        return out;
    }

    private record Result(int code, String out, String err) {}

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("ANSIBLE_CONFIG", home.resolve("none.cfg").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("PYTHONHASHSEED", "0");
        env.put("ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString());
        env.remove("ANSIBLE_INVENTORY");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out, Files.readString(err));
    }
}
