package dev.converge.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Ansible (ansible-core as Debian ships it) as the oracle, asked through
 * {@code oracle/ansible_oracle.py}: ansible-inventory's {@code --list} (its own InventoryCLI) and the
 * hosts of each pattern (its InventoryManager, as ansible-playbook --list-hosts), for many inventories
 * in one Python process.
 */
final class AnsibleOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DRIVER = Path.of("src/test/resources/oracle/ansible_oracle.py");
    private final Path home;

    AnsibleOracle(Path home) {
        this.home = home;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ansible-inventory"))
                && Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    /** One question: the sources, whether to list them, and the patterns to resolve. */
    record Job(List<String> sources, boolean list, List<String> patterns) {}

    /** Ansible's answers, in the order of the jobs: {@code list} or {@code failure}, and {@code patterns}. */
    List<JsonNode> ask(List<Job> jobs) throws IOException, InterruptedException {
        ArrayNode input = JSON.createArrayNode();
        for (Job job : jobs) {
            ObjectNode j = input.addObject();
            j.set("sources", JSON.valueToTree(job.sources()));
            j.put("list", job.list());
            j.set("patterns", JSON.valueToTree(job.patterns()));
        }
        ProcessBuilder pb = new ProcessBuilder(python(), DRIVER.toString());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("ANSIBLE_CONFIG", home.resolve("none.cfg").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("PYTHONHASHSEED", "0");
        env.put("ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString());
        env.remove("ANSIBLE_INVENTORY");
        Path err = Files.createTempFile(home, "err", ".txt");
        Path in = Files.createTempFile(home, "jobs", ".json");
        Files.writeString(in, JSON.writeValueAsString(input));
        pb.redirectError(err.toFile()).redirectInput(in.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("the Ansible oracle failed: " + Files.readString(err));
        }
        List<JsonNode> answers = new ArrayList<>();
        JSON.readTree(out).forEach(answers::add);
        return answers;
    }

    /** The interpreter ansible-inventory runs with (its #! line), so ansible-core is importable. */
    private static String python() throws IOException {
        String first = Files.readAllLines(Path.of("/usr/bin/ansible-inventory")).get(0);
        return first.startsWith("#!") ? first.substring(2).strip().split("\\s+")[0] : "/usr/bin/python3";
    }
}
