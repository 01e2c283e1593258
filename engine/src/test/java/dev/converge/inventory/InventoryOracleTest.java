package dev.converge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.config.RunInputs;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * converge's inventory against Ansible's, on real inventories from public projects
 * ({@code inventory-corpus/SOURCES.tsv}). Ansible's answers are kept in {@code ORACLE.json} so the
 * comparison runs everywhere; where ansible-core is installed (CI: bin/prepare installs it) the test
 * asks Ansible again and fails when the kept answers are stale ({@code -Dconverge.oracle=write}
 * rewrites them). An inventory agrees when hosts, groups and every host's merged variables are equal
 * ({@code --list}), or when both refuse it; a pattern agrees when it selects the same hosts.
 */
class InventoryOracleTest {
    static final Path CORPUS = Path.of("src/test/resources/inventory-corpus");
    static final Path EDGES = Path.of("src/test/resources/inventory-edges");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Differences kept on purpose, documented in docs/inventory.md; key: case, or case + " " + pattern. */
    private static final Map<String, String> DELIBERATE = Map.of(
            "ansible-inventory-ini",
            "ansible-inventory crashes on the complex number 1j (not JSON); converge keeps 1j, ... and sets as their text");

    @TempDir
    Path home;

    record Case(String name, List<String> sources) {}

    /** The real inventories: SOURCES.tsv names each case's folder and the -i source inside it. */
    static List<Case> corpus() throws Exception {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(CORPUS.resolve("SOURCES.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.add(new Case(
                    f[0], List.of(CORPUS.resolve(f[0]).resolve(f[1]).normalize().toString())));
        }
        return out;
    }

    /** Small inventories written here, one feature each, at the edges of Ansible's grammar: EDGES.tsv lists their -i sources. */
    static List<Case> edges() throws Exception {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(EDGES.resolve("EDGES.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            List<String> sources = new ArrayList<>();
            for (String s : f[1].split(";")) {
                sources.add(s.contains(",") ? s : EDGES.resolve(s).normalize().toString());
            }
            out.add(new Case(f[0], sources));
        }
        return out;
    }

    @Test
    void convergeResolvesRealInventoriesAsAnsibleDoes() throws Exception {
        compare("corpus", corpus(), CORPUS.resolve("ORACLE.json"));
    }

    @Test
    void convergeResolvesEdgeCasesAsAnsibleDoes() throws Exception {
        compare("edges", edges(), EDGES.resolve("ORACLE.json"));
    }

    private void compare(String label, List<Case> cases, Path cacheFile) throws Exception {
        ObjectNode cache =
                Files.exists(cacheFile) ? (ObjectNode) JSON.readTree(cacheFile.toFile()) : JSON.createObjectNode();
        boolean write = "write".equals(System.getProperty("converge.oracle"));
        boolean live = AnsibleOracle.installed() && !"off".equals(System.getProperty("converge.oracle"));
        List<String> stale = new ArrayList<>();
        int inventories = 0;
        int inventoriesAgree = 0;
        int patterns = 0;
        int patternsAgree = 0;
        int deliberate = 0;
        List<String> report = new ArrayList<>();
        ObjectNode fresh = JSON.createObjectNode();
        Map<String, JsonNode> answers = live ? askAnsible(cases) : Map.of();
        for (Case c : cases) {
            JsonNode kept = cache.get(c.name);
            JsonNode oracle = kept;
            if (answers.containsKey(c.name)) {
                oracle = answers.get(c.name);
                if (kept != null && !kept.equals(oracle)) {
                    stale.add(c.name);
                }
            }
            assertThat(oracle)
                    .as("no kept oracle for " + c.name + " and ansible-core is not installed")
                    .isNotNull();
            fresh.set(c.name, oracle);
            inventories++;
            Problems problems = new Problems();
            Inventory inv = InventorySources.load(c.sources(), RunInputs.none(), problems);
            boolean agree;
            if (oracle.has("failure")) {
                agree = !problems.isEmpty();
                if (!agree) {
                    report.add(c.name + ": Ansible refuses it ("
                            + oracle.get("failure").asText() + "); converge accepts it");
                }
            } else if (!problems.isEmpty()) {
                agree = false;
                report.add(c.name + ": converge refuses it: "
                        + problems.list().get(0).render());
            } else {
                JsonNode ours = JSON.readTree(JSON.writeValueAsString(new InventoryView(inv, null).list()));
                agree = ours.equals(oracle.get("list"));
                if (!agree) {
                    report.add(c.name + ": --list differs:\n  ansible:  " + diffHint(oracle.get("list"), ours)
                            + "\n  converge: " + diffHint(ours, oracle.get("list")));
                }
            }
            if (agree) {
                inventoriesAgree++;
            } else if (DELIBERATE.containsKey(c.name)) {
                deliberate++;
                report.remove(report.size() - 1);
            }
            if (oracle.has("failure")) {
                continue; // converge refuses an inventory Ansible only warns about: no patterns to compare
            }
            var it = oracle.get("patterns").properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                patterns++;
                List<String> expected = new ArrayList<>();
                e.getValue().forEach(n -> expected.add(n.asText()));
                List<String> actual;
                try {
                    actual = problems.isEmpty()
                            ? inv
                                    .select(e.getKey(), SourceLocation.of(Path.of("<test>")), new ArrayList<Problem>())
                                    .stream()
                                    .sorted()
                                    .toList()
                            : List.of("error: inventory refused");
                } catch (HostPattern.Invalid ex) {
                    actual = List.of("error: " + ex.getMessage());
                }
                boolean same = expected.equals(actual)
                        || expected.size() == 1
                                && actual.size() == 1
                                && expected.get(0).startsWith("error:")
                                && actual.get(0).startsWith("error:");
                if (same) {
                    patternsAgree++;
                } else if (DELIBERATE.containsKey(c.name + " " + e.getKey())) {
                    deliberate++;
                } else {
                    report.add(c.name + ": pattern '" + e.getKey() + "': ansible " + expected + ", converge " + actual);
                }
            }
        }
        if (write) {
            Files.writeString(cacheFile, JSON.writeValueAsString(fresh) + "\n");
        }
        String summary = label + ": inventories agreeing: " + inventoriesAgree + "/" + inventories
                + ", patterns agreeing: " + patternsAgree + "/" + patterns
                + (deliberate == 0 ? "" : ", deliberate differences: " + deliberate);
        Files.createDirectories(Path.of("target"));
        Files.writeString(
                Path.of("target/inventory-oracle-" + label + ".txt"),
                summary + "\n" + String.join("\n", report) + "\n");
        System.out.println("InventoryOracleTest: " + summary);
        assertThat(write ? List.of() : stale)
                .as(
                        "ORACLE.json no longer matches ansible-core here; rerun with -Dconverge.oracle=write and review the diff")
                .isEmpty();
        assertThat(report).as(summary).isEmpty();
    }

    /** Ansible's answers for every case: the listings first, then the patterns made from them. */
    private Map<String, JsonNode> askAnsible(List<Case> cases) throws Exception {
        Files.createDirectories(home.resolve("tmp"));
        AnsibleOracle ansible = new AnsibleOracle(home);
        List<JsonNode> listings = ansible.ask(cases.stream()
                .map(c -> new AnsibleOracle.Job(c.sources(), true, List.of()))
                .toList());
        List<AnsibleOracle.Job> patternJobs = new ArrayList<>();
        for (JsonNode listing : listings) {
            patternJobs.add(new AnsibleOracle.Job(cases.get(patternJobs.size()).sources(), false, patterns(listing)));
        }
        List<JsonNode> hosts = ansible.ask(patternJobs);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode node = ((ObjectNode) listings.get(i)).deepCopy();
            node.set("patterns", hosts.get(i).get("patterns"));
            out.put(cases.get(i).name(), JSON.readTree(JSON.writeValueAsString(node)));
        }
        return out;
    }

    private static String diffHint(JsonNode a, JsonNode b) {
        Map<String, String> out = new TreeMap<>();
        a.properties().forEach(e -> {
            if (!e.getValue().equals(b.get(e.getKey()))) {
                if (e.getKey().equals("_meta")) {
                    e.getValue().get("hostvars").properties().forEach(h -> {
                        JsonNode other = b.path("_meta").path("hostvars").get(h.getKey());
                        if (!h.getValue().equals(other)) {
                            out.put("hostvars." + h.getKey(), h.getValue().toString());
                        }
                    });
                } else {
                    out.put(e.getKey(), e.getValue().toString());
                }
            }
        });
        String s = out.toString();
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    /** The patterns asked of an inventory, made from Ansible's own view of its groups and hosts. */
    static List<String> patterns(JsonNode oracle) {
        Set<String> groups = new LinkedHashSet<>(List.of("all", "ungrouped"));
        Set<String> hosts = new LinkedHashSet<>();
        JsonNode list = oracle.get("list");
        if (list != null) {
            list.properties().forEach(e -> {
                if (!e.getKey().equals("_meta")) {
                    groups.add(e.getKey());
                    e.getValue().path("children").forEach(n -> groups.add(n.asText()));
                    e.getValue().path("hosts").forEach(n -> hosts.add(n.asText()));
                }
            });
            list.path("_meta").path("hostvars").fieldNames().forEachRemaining(hosts::add);
        }
        List<String> g = new ArrayList<>(groups);
        List<String> h = new ArrayList<>(hosts);
        Set<String> out = new LinkedHashSet<>(
                List.of("all", "*", "ungrouped", "nosuchgroup", "all:!nosuchgroup", "localhost", "!ungrouped"));
        for (String group : g.subList(0, Math.min(12, g.size()))) {
            out.add(group);
        }
        List<String> real = g.size() > 2 ? g.subList(2, g.size()) : g;
        for (int i = 0; i < Math.min(5, real.size()); i++) {
            String a = real.get(i);
            String b = real.get((i + 1) % real.size());
            out.addAll(List.of(
                    a + "[0]",
                    a + "[-1]",
                    a + "[0:1]",
                    a + "[1:]",
                    "!" + a,
                    a + ":!" + b,
                    a + ":&" + b,
                    a + "," + b,
                    a + ":" + b,
                    "&" + a,
                    a.substring(0, Math.min(3, a.length())) + "*"));
        }
        for (int i = 0; i < Math.min(6, h.size()); i++) {
            String host = h.get(i);
            out.addAll(List.of(
                    host,
                    "!" + host,
                    "~"
                            + Pattern.quote(host.substring(0, Math.min(3, host.length())))
                                    .replace("\\Q", "")
                                    .replace("\\E", "")
                                    .replace(".", "\\.")
                            + ".*",
                    host.substring(0, Math.min(2, host.length())) + "*",
                    "*" + host.substring(Math.max(0, host.length() - 2))));
            if (!real.isEmpty()) {
                out.add(real.get(0) + ":!" + host);
                out.add(host + ":" + real.get(real.size() - 1));
            }
        }
        return new ArrayList<>(out);
    }
}
