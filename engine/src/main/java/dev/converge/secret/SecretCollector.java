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
                String key = e.getKey();
                walk(e.getValue(), declared.contains(key) ? Kind.DECLARED : Secrets.isSecretKey(key) ? Kind.BY_NAME : Kind.NONE, 1);
            }
        }
        return this;
    }

    /** One host's inventory variables (name to plain value). */
    public SecretCollector inventoryVariables(Map<String, ?> vars) {
        walk(vars, Kind.NONE, 0);
        return this;
    }

    /** A bound parameter record: its components as Jackson sees them. */
    public SecretCollector parameters(Record params) {
        if (params != null) {
            walkJson(MAPPER.valueToTree(params), false);
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
    private void add(Object value, Kind kind) {
        String text = String.valueOf(value);
        if (kind == Kind.DECLARED) {
            values.add(text);
            return;
        }
        if (value instanceof Boolean || SecretPolicy.isHarmless(text)) {
            return;
        }
        if (SecretPolicy.isUrl(text)) {
            values.addAll(SecretPolicy.urlPasswords(text));
        } else {
            values.add(text);
        }
    }

    public Secrets secrets() {
        return Secrets.of(values);
    }

    /** Why a value is secret: named in {@code secrets:} (all of it, always), by a secret-looking key (see {@link #add}), or not. */
    private enum Kind {
        NONE, BY_NAME, DECLARED;

        Kind and(Kind other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    private void walk(Object value, Kind secret, int depth) {
        if (depth > 12 || value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                walk(e.getValue(), secret.and(declared.contains(key) ? Kind.DECLARED : Secrets.isSecretKey(key) ? Kind.BY_NAME : Kind.NONE), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, secret, depth + 1));
        } else if (secret != Kind.NONE) {
            add(value, secret);
        } else if (value instanceof String text) {
            values.addAll(SecretPolicy.urlPasswords(text));
        }
    }

    private void walkJson(JsonNode node, boolean secret) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                walkJson(e.getValue(), secret || Secrets.isSecretKey(e.getKey()));
            }
        } else if (node.isArray()) {
            node.forEach(item -> walkJson(item, secret));
        } else if (secret && !node.isNull()) {
            add(node.isBoolean() ? Boolean.valueOf(node.asBoolean()) : node.asText(), Kind.BY_NAME);
        } else if (node.isTextual()) {
            values.addAll(SecretPolicy.urlPasswords(node.asText()));
        }
    }
}
