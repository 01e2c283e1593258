package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.model.Ref;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of playbook fields that report a problem instead of throwing. */
final class Fields {
    private Fields() {}

    static Optional<String> string(YamlValue.Mapping map, String key, Problems problems) {
        YamlValue v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof YamlValue.Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            return Optional.of(s.text());
        }
        problems.add(v.at(), key + ": must be text, not " + v.kind(), "write `" + key + ": some-text`");
        return Optional.empty();
    }

    static Map<String, Var> vars(YamlValue value, Problems problems) {
        Map<String, Var> out = new LinkedHashMap<>();
        if (value == null || value instanceof YamlValue.Scalar s && s.value() == null) {
            return out;
        }
        if (!(value instanceof YamlValue.Mapping map)) {
            problems.add(
                    value.at(),
                    "vars: must be a map of names to values, not " + value.kind(),
                    "write `name: value` lines under vars:");
            return out;
        }
        map.entries().forEach((k, e) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(
                        e.keyAt(),
                        "variable name '" + k + "' is not a valid identifier",
                        "use letters, digits and '_', not starting with a digit");
            }
            out.put(k, new Var(e.value().plain(), e.value().at()));
        });
        return out;
    }

    /** A single id or a list of ids. */
    static List<Ref> refs(YamlValue value, Problems problems) {
        List<Ref> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        List<YamlValue> items = value instanceof YamlValue.Sequence seq ? seq.items() : List.of(value);
        for (YamlValue item : items) {
            if (item instanceof YamlValue.Scalar s && s.value() != null) {
                out.add(new Ref(s.text(), s.at()));
            } else {
                problems.add(item.at(), "expected a name, not " + item.kind(), "write a name or a list of names");
            }
        }
        return out;
    }
}
