package dev.converge.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the run's secret values: the values of variables named in a {@code secrets:} list, and of
 * any variable or parameter whose key names a secret ({@code *password*}, {@code *secret*},
 * {@code *token*}), at any depth (maps inside lists inside maps).
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
                walk(e.getValue(), declared.contains(e.getKey()) || Secrets.isSecretKey(e.getKey()), 1);
            }
        }
        return this;
    }

    /** One host's inventory variables (name to plain value). */
    public SecretCollector inventoryVariables(Map<String, ?> vars) {
        walk(vars, false, 0);
        return this;
    }

    /** A bound parameter record: its components as Jackson sees them. */
    public SecretCollector parameters(Record params) {
        if (params != null) {
            walkJson(MAPPER.valueToTree(params), false);
        }
        return this;
    }

    public Secrets secrets() {
        return Secrets.of(values);
    }

    private void walk(Object value, boolean secret, int depth) {
        if (depth > 12 || value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                walk(e.getValue(), secret || declared.contains(key) || Secrets.isSecretKey(key), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, secret, depth + 1));
        } else if (secret) {
            values.add(String.valueOf(value));
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
            values.add(node.asText());
        }
    }
}
