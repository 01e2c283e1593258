package dev.converge.bind;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.converge.config.Suggest;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    static <P extends Record> Optional<P> bind(
            Class<P> type, String module, YamlValue raw, Object rendered, SourceLocation moduleAt, Problems problems) {
        Object value = rendered == null ? Map.of() : rendered;
        if (!(value instanceof Map)) {
            problems.add(
                    raw == null ? moduleAt : raw.at(),
                    "the parameters of '" + module + "' must be a map, not " + (raw == null ? "nothing" : raw.kind()),
                    "write `" + module + ":` then one `name: value` per line below it");
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.convertValue(value, type));
        } catch (IllegalArgumentException e) {
            report(
                    e.getCause() instanceof JsonMappingException jme ? jme : null,
                    type,
                    module,
                    raw,
                    moduleAt,
                    problems,
                    e);
            return Optional.empty();
        }
    }

    private static void report(
            JsonMappingException e,
            Class<?> type,
            String module,
            YamlValue raw,
            SourceLocation moduleAt,
            Problems problems,
            Exception original) {
        if (e instanceof UnrecognizedPropertyException upe) {
            String name = upe.getPropertyName();
            List<String> known = upe.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .toList();
            problems.add(
                    locate(raw, upe.getPath(), moduleAt, true),
                    "unknown parameter '" + name + "' for module '" + module + "'",
                    Suggest.hint(name, known, "parameters"));
            return;
        }
        if (e == null) {
            problems.add(
                    moduleAt,
                    "invalid parameters for '" + module + "': " + original.getMessage(),
                    "check the module's documentation");
            return;
        }
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(module);
        String reason = e.getOriginalMessage().split("\n")[0];
        if (reason.contains("Missing required creator property")) {
            problems.add(
                    moduleAt,
                    "missing required parameter '" + path + "' for module '" + module + "'",
                    "add `" + path + ": ...`");
            return;
        }
        SourceLocation at = locate(raw, e.getPath(), moduleAt, false);
        String expected = e instanceof MismatchedInputException mie && mie.getTargetType() != null
                ? describe(mie.getTargetType())
                : "another type";
        problems.add(
                at,
                "parameter '" + path + "' of '" + module + "' must be " + expected + ", not " + found(raw, e.getPath()),
                "see docs/modules.md for what '" + path + "' takes");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a map";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }

    private static String found(YamlValue raw, List<JsonMappingException.Reference> path) {
        YamlValue current = raw;
        for (JsonMappingException.Reference ref : path) {
            if (current instanceof YamlValue.Mapping map
                    && ref.getFieldName() != null
                    && map.get(ref.getFieldName()) != null) {
                current = map.get(ref.getFieldName());
            } else if (current instanceof YamlValue.Sequence seq
                    && ref.getIndex() >= 0
                    && ref.getIndex() < seq.items().size()) {
                current = seq.items().get(ref.getIndex());
            } else {
                return "that value";
            }
        }
        return current == null ? "that value" : current.kind();
    }

    /** Walks the raw YAML along Jackson's path to point at the offending key or value. */
    private static SourceLocation locate(
            YamlValue raw, List<JsonMappingException.Reference> path, SourceLocation fallback, boolean key) {
        YamlValue current = raw;
        SourceLocation at = raw == null ? fallback : raw.at();
        for (JsonMappingException.Reference ref : path) {
            if (current instanceof YamlValue.Mapping map
                    && ref.getFieldName() != null
                    && map.entries().containsKey(ref.getFieldName())) {
                at = key
                        ? map.keyAt(ref.getFieldName())
                        : map.get(ref.getFieldName()).at();
                current = map.get(ref.getFieldName());
            } else if (current instanceof YamlValue.Sequence seq
                    && ref.getIndex() >= 0
                    && ref.getIndex() < seq.items().size()) {
                current = seq.items().get(ref.getIndex());
                at = current.at();
            }
        }
        return at;
    }

    /**
     * Where {@code parameter} (a {@link JsonProperty} name of {@code type}) was written in {@code map}:
     * its key, or the key of one of its {@link JsonAlias} spellings ({@code insertafter} for
     * {@code insert_after}); the map when neither is there.
     */
    static SourceLocation keyAt(YamlValue.Mapping map, Class<? extends Record> type, String parameter) {
        if (map.entries().containsKey(parameter)) {
            return map.keyAt(parameter);
        }
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty json = c.getAccessor().getAnnotation(JsonProperty.class);
            JsonAlias alias = c.getAccessor().getAnnotation(JsonAlias.class);
            if (json != null && json.value().equals(parameter) && alias != null) {
                for (String spelling : alias.value()) {
                    if (map.entries().containsKey(spelling)) {
                        return map.keyAt(spelling);
                    }
                }
            }
        }
        return map.keyAt(parameter);
    }
}
