package dev.converge.modules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Assertions shared by the text-format tests. */
public final class Texts {
    private Texts() {}

    /** Asserts that every line of {@code before} except those in {@code changed} appears, in order, in {@code after}. */
    public static void assertOtherLinesKept(String before, String after, List<String> changedBefore) {
        List<String> kept = new ArrayList<>(List.of(before.split("\n", -1)));
        kept.removeAll(changedBefore);
        List<String> out = List.of(after.split("\n", -1));
        int at = 0;
        for (String line : kept) {
            int found = out.subList(at, out.size()).indexOf(line);
            assertThat(found).as("line kept in order: [" + line + "]").isGreaterThanOrEqualTo(0);
            at += found + 1;
        }
    }

    /** The content of the only WriteFile among {@code operations}. */
    public static String written(List<Operation> operations) {
        List<Operation.WriteFile> writes = operations.stream()
                .filter(Operation.WriteFile.class::isInstance)
                .map(Operation.WriteFile.class::cast)
                .toList();
        assertThat(writes).hasSize(1);
        return new String(writes.get(0).content(), StandardCharsets.UTF_8);
    }

    /** Binds YAML-like parameters the way the engine does (snake_case keys, unknown keys refused). */
    public static <P> P bind(Class<P> type, String json) {
        try {
            return new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json.replace('\'', '"'), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
