package dev.converge.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.spi.SecretPolicy;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the run's secret values: the values of variables named in a {@code secrets:} list, of
 * any variable or parameter whose key is secret-looking ({@link SecretPolicy#isSecretKey}), at any
 * depth (maps inside lists inside maps), the passwords of URLs in any value, and values known to be
 * secret by their origin (vault, derived from a secret by a template).
 */
public final class SecretCollector {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Set<String> declared;
    private final Set<String> values = new LinkedHashSet<>();

    /** @param declared variable names marked secret by the playbook */
    public SecretCollector(Collection<String> declared) {
        this.declared = Set.copyOf(declared);
    }

    /**
     * A host's variable model (playbook, play, inventory and extra vars). {@code hostvars} and
     * {@code groups} are left out: every host's model holds them, so pass the inventory's
     * variables once to {@link #inventoryVariables} instead.
     */
    public SecretCollector variables(Map<String, ?> model) {
        for (Map.Entry<String, ?> e : model.entrySet()) {
            if (!e.getKey().equals("hostvars") && !e.getKey().equals("groups")) {
                walk(e.getValue(), Reason.NONE.inner(e.getKey(), declared), 1);
            }
        }
        return this;
    }

    /** One host's inventory variables (name to plain value). */
    public SecretCollector inventoryVariables(Map<String, ?> vars) {
        walk(vars, Reason.NONE, 0);
        return this;
    }

    /** A bound parameter record: its components as Jackson sees them. */
    public SecretCollector parameters(Record params) {
        if (params != null) {
            walkJson(MAPPER.valueToTree(params), Reason.NONE);
        }
        return this;
    }

    /** Values known to be secret whatever their name: from a vault, or rendered from a secret. */
    public SecretCollector values(Collection<String> known) {
        values.addAll(known);
        return this;
    }

    /**
     * A value under a secret name: a boolean ({@code inject_password: false}) is no secret; a URL
     * only hides its password, which the masking finds by shape, so the URL stays readable.
     */
    private void add(Object value, Kind kind, String key) {
        String text = String.valueOf(value);
        if (kind == Kind.DECLARED) {
            values.add(text);
        } else if (!(value instanceof Boolean) && SecretPolicy.hidesWholeValue(key, text)) {
            values.add(text);
        } else {
            values.addAll(SecretPolicy.urlPasswords(text));
        }
    }

    public Secrets secrets() {
        return Secrets.of(values);
    }

    /** Why a value is secret: named in {@code secrets:} (all of it, always), by a secret-looking key (see {@link #add}), or not. */
    private enum Kind {
        NONE,
        BY_NAME,
        DECLARED
    }

    /** Why a value is secret, and the key that made it so; {@link #inner} gives the reason of a value inside it. */
    private record Reason(Kind kind, String key) {
        static final Reason NONE = new Reason(Kind.NONE, "");

        Reason inner(String innerKey, Set<String> declared) {
            if (kind == Kind.DECLARED || declared.contains(innerKey)) {
                return new Reason(Kind.DECLARED, innerKey);
            }
            if (kind == Kind.BY_NAME) {
                return SecretPolicy.isSecretKey(innerKey) ? new Reason(Kind.BY_NAME, innerKey) : this;
            }
            return SecretPolicy.isSecretKey(innerKey) ? new Reason(Kind.BY_NAME, innerKey) : NONE;
        }
    }

    private void walk(Object value, Reason reason, int depth) {
        if (depth > 12 || value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), reason.inner(String.valueOf(e.getKey()), declared), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, reason, depth + 1));
        } else if (reason.kind() != Kind.NONE) {
            add(value, reason.kind(), reason.key());
        } else if (value instanceof String text) {
            values.addAll(SecretPolicy.urlPasswords(text));
        }
    }

    private void walkJson(JsonNode node, Reason reason) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                walkJson(e.getValue(), reason.inner(e.getKey(), Set.of()));
            }
        } else if (node.isArray()) {
            node.forEach(item -> walkJson(item, reason));
        } else if (reason.kind() != Kind.NONE && !node.isNull()) {
            add(node.isBoolean() ? Boolean.valueOf(node.asBoolean()) : node.asText(), reason.kind(), reason.key());
        } else if (node.isTextual()) {
            values.addAll(SecretPolicy.urlPasswords(node.asText()));
        }
    }
}
