package dev.converge.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.converge.config.Suggest;
import dev.converge.config.YamlValue;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.util.List;
import java.util.Optional;

/** Binds rendered YAML parameters to a module's record with Jackson; mistakes become problems. */
final class ParamBinder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ParamBinder() {}

    /**
     * @param raw the parameters as written (for locations)
     * @param rendered the same with variables substituted
     */
    static <P extends Record> Optional<P> bind(Class<P> type, String module, YamlValue raw, Object rendered,
            SourceLocation moduleAt, Problems problems) {
        Object value = rendered == null ? java.util.Map.of() : rendered;
        if (!(value instanceof java.util.Map)) {
            problems.add(raw == null ? moduleAt : raw.at(), "the parameters of '" + module + "' must be a map, not "
                    + (raw == null ? "nothing" : raw.kind()), "write `" + module + ":` then one `name: value` per line below it");
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.convertValue(value, type));
        } catch (IllegalArgumentException e) {
            report(e.getCause() instanceof JsonMappingException jme ? jme : null, type, module, raw, moduleAt, problems, e);
            return Optional.empty();
        }
    }

    private static void report(JsonMappingException e, Class<?> type, String module, YamlValue raw, SourceLocation moduleAt,
            Problems problems, Exception original) {
        if (e instanceof UnrecognizedPropertyException upe) {
            String name = upe.getPropertyName();
            List<String> known = upe.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            problems.add(locate(raw, upe.getPath(), moduleAt, true), "unknown parameter '" + name + "' for module '" + module + "'",
                    Suggest.hint(name, known, "parameters"));
            return;
        }
        if (e == null) {
            problems.add(moduleAt, "invalid parameters for '" + module + "': " + original.getMessage(), "check the module's documentation");
            return;
        }
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(module);
        String reason = e.getOriginalMessage().split("\n")[0];
        if (reason.contains("Missing required creator property")) {
            problems.add(moduleAt, "missing required parameter '" + path + "' for module '" + module + "'", "add `" + path + ": ...`");
        } else {
            problems.add(locate(raw, e.getPath(), moduleAt, false), "parameter '" + path + "' of '" + module + "' has the wrong type: "
                    + simplify(reason), "see docs/modules.md for what '" + path + "' takes");
        }
    }

    private static String simplify(String jacksonMessage) {
        String s = jacksonMessage.replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1").replaceAll("Cannot deserialize value of type ", "expected ");
        int from = s.indexOf(" from ");
        return from > 0 ? s.substring(0, from) + ", got" + s.substring(from + 5) : s;
    }

    /** Walks the raw YAML along Jackson's path to point at the offending key or value. */
    private static SourceLocation locate(YamlValue raw, List<JsonMappingException.Reference> path, SourceLocation fallback, boolean key) {
        YamlValue current = raw;
        SourceLocation at = raw == null ? fallback : raw.at();
        for (JsonMappingException.Reference ref : path) {
            if (current instanceof YamlValue.Mapping map && ref.getFieldName() != null && map.entries().containsKey(ref.getFieldName())) {
                at = key ? map.keyAt(ref.getFieldName()) : map.get(ref.getFieldName()).at();
                current = map.get(ref.getFieldName());
            } else if (current instanceof YamlValue.Sequence seq && ref.getIndex() >= 0 && ref.getIndex() < seq.items().size()) {
                current = seq.items().get(ref.getIndex());
                at = current.at();
            }
        }
        return at;
    }
}
