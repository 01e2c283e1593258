package dev.converge.modules.blockinfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.modules.testing.Texts;
import dev.converge.spi.Change;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The planner against real Ansible: every case of {@code golden/blockinfile/cases.tsv} was run once
 * by {@code generate.py} with ansible-core 2.14.18 on real config files; the plan must give the same
 * outcome (changed, ok, failed) and the same bytes. No Ansible runs here.
 */
class BlockInFileAnsibleTest {
    private static final String ROOT = "/golden/blockinfile/";
    private static final String TARGET = "/etc/target";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /**
     * The documented differences (docs/modules.md): case -> the Ansible case whose result converge
     * gives instead. A file with the same block twice loses one per Ansible run; converge removes
     * both in one apply (it must converge at once): the result of Ansible's second run.
     */
    private static final Map<String, String> DIFFERENCES =
            Map.of("twice-absent", "twice-absent-again", "twice-empty-block", "twice-empty-block-again");

    private final BlockInFileModule module = new BlockInFileModule();

    private record Case(String name, String input, String params, String outcome, String message) {}

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesAnsible() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    void theTableCoversEveryOutcome() {
        assertThat(cases()).hasSize(48);
        assertThat(cases()).extracting(Case::outcome).contains("changed", "ok", "failed");
        assertThat(cases())
                .extracting(Case::name)
                .containsAll(DIFFERENCES.keySet())
                .containsAll(DIFFERENCES.values());
        for (Map.Entry<String, String> d : DIFFERENCES.entrySet()) {
            assertThat(resource("expected/" + d.getKey()))
                    .as("a difference is one: Ansible's first run differs from its second")
                    .isNotEqualTo(resource("expected/" + d.getValue()));
        }
    }

    private void check(Case c) throws IOException {
        ObjectNode args = (ObjectNode) JSON.readTree(c.params());
        if (args.has("dest")) {
            args.put("dest", TARGET);
        } else {
            args.put("path", TARGET);
        }
        BlockParams p = JSON.treeToValue(args, BlockParams.class);
        assertThat(module.validate(p, null)).as("valid parameters").isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p);
        String before = input(c.input());
        if (before != null) {
            facts.file(TARGET, before);
        }
        switch (c.outcome()) {
            case "failed" -> {
                assertThat(c.message()).isEqualTo("Path PATH does not exist !");
                assertThatThrownBy(() -> module.plan(p, facts))
                        .isInstanceOf(PlanFailure.class)
                        .hasMessage(TARGET + ": no such file (set create: true to create it)");
            }
            case "ok" -> assertThat(module.plan(p, facts)).isEqualTo(Change.none());
            case "changed" -> {
                Change change = module.plan(p, facts);
                assertThat(change.changed()).isTrue();
                assertThat(Texts.written(change.operations()))
                        .as("bytes Ansible wrote")
                        .isEqualTo(resource("expected/" + DIFFERENCES.getOrDefault(c.name(), c.name())));
                assertThat(module.plan(p, facts.afterWrites(change.operations())))
                        .as("converged after the write")
                        .isEqualTo(Change.none());
            }
            default -> throw new AssertionError("unknown outcome " + c.outcome());
        }
    }

    private static String input(String input) {
        if (input.equals("-")) {
            return null;
        }
        return input.startsWith("@") ? resource("expected/" + input.substring(1)) : resource("inputs/" + input);
    }

    private static List<Case> cases() {
        Map<String, String[]> results = new HashMap<>();
        for (String[] row : rows("results.tsv")) {
            results.put(row[0], row);
        }
        return rows("cases.tsv").stream()
                .map(row -> {
                    String[] result = results.get(row[0]);
                    assertThat(result).as("result of " + row[0]).isNotNull();
                    return new Case(row[0], row[1], row[2], result[1], result.length > 2 ? result[2] : "");
                })
                .toList();
    }

    private static List<String[]> rows(String name) {
        return resource(name)
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1))
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = BlockInFileAnsibleTest.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new AssertionError("missing " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
