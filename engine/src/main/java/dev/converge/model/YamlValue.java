package dev.converge.model;

import dev.converge.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value that remembers where it was written, so every problem can point at it. */
public sealed interface YamlValue {

    SourceLocation at();

    /** The value as plain Java: String, Long, Double, Boolean, null, List, LinkedHashMap. */
    Object plain();

    /** What the value is, for error messages ("a string", "a list", "a map"). */
    String kind();

    /** A scalar; {@code value} is already typed (String, Long, Double, Boolean or null). */
    record Scalar(Object value, boolean quoted, SourceLocation at) implements YamlValue {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String kind() {
            return value == null
                    ? "null"
                    : value instanceof String
                            ? "a string"
                            : "a " + value.getClass().getSimpleName().toLowerCase();
        }

        /** The scalar as text (numbers and booleans as written). */
        public String text() {
            return value == null ? "" : String.valueOf(value);
        }
    }

    /** A sequence. */
    record Sequence(List<YamlValue> items, SourceLocation at) implements YamlValue {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object plain() {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(i.plain()));
            return out;
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping with string keys, in written order; each key keeps its own location. */
    record Mapping(Map<String, Entry> entries, SourceLocation at) implements YamlValue {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Object plain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return out;
        }

        @Override
        public String kind() {
            return "a map";
        }

        public YamlValue get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        /** Where the key was written (falls back to the map). */
        public SourceLocation keyAt(String key) {
            Entry e = entries.get(key);
            return e == null ? at : e.keyAt();
        }
    }

    /** One key of a mapping and its value. */
    record Entry(String key, SourceLocation keyAt, YamlValue value) {}
}
