package dev.converge.cli;

import dev.converge.config.RunInputs;
import dev.converge.config.YamlReader;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code -e} values: {@code k=v k2=v2}, {@code @file.yml}, or inline YAML/JSON maps. */
final class ExtraVars {
    private ExtraVars() {}

    /** @param inputs the run's: an {@code @FILE} is recorded there, and vault texts decrypted with its vault */
    static Map<String, Object> parse(List<String> values, RunInputs inputs, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String value : values) {
            if (value.startsWith("@")) {
                Path file = Path.of(value.substring(1));
                YamlReader.read(file, inputs, problems).ifPresent(v -> putMap(v, out, problems));
            } else if (value.strip().startsWith("{")) {
                YamlReader.parse(Path.of("<-e>"), value, inputs, problems).ifPresent(v -> putMap(v, out, problems));
            } else {
                for (String pair : value.strip().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        problems.add(
                                SourceLocation.of(Path.of("<-e>")),
                                "extra variable '" + pair + "' is not name=value",
                                "write -e name=value, -e @vars.yml or -e '{\"name\": \"value\"}'");
                        continue;
                    }
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void putMap(YamlValue value, Map<String, Object> out, Problems problems) {
        if (value instanceof YamlValue.Mapping) {
            out.putAll((Map<String, Object>) value.plain());
        } else {
            problems.add(
                    value.at(),
                    "extra variables must be a map of names to values, not " + value.kind(),
                    "write `name: value` lines");
        }
    }
}
