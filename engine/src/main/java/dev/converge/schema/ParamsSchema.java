package dev.converge.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON Schema of one module's parameter record, from its Java types as Jackson binds them:
 * String → string; Integer/Long → integer; Boolean → boolean; List → array (or one item, which
 * Jackson accepts as a list of one); Map → object; Object → anything; records → objects with no
 * other keys; enums → their names. Where a number, boolean or list is expected, a
 * {@code ${...}} template string is accepted too, since variables are rendered before binding.
 */
final class ParamsSchema {
    static final String TEMPLATE_REF = "#/definitions/template";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ParamsSchema() {}

    static ObjectNode of(Class<? extends Record> type) {
        return record(type, 0);
    }

    private static ObjectNode record(Class<?> type, int depth) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty annotation = jsonProperty(type, c);
            String name = annotation != null && !annotation.value().isEmpty() ? annotation.value() : c.getName();
            properties.set(name, type(c.getGenericType(), depth + 1));
            if (annotation != null && annotation.required()) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Jackson's annotation, wherever the record component propagated it (accessor, field). */
    private static JsonProperty jsonProperty(Class<?> type, RecordComponent c) {
        JsonProperty onAccessor = c.getAccessor().getAnnotation(JsonProperty.class);
        if (onAccessor != null) {
            return onAccessor;
        }
        try {
            return type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    static ObjectNode type(Type type, int depth) {
        if (depth > 8) {
            return JSON.objectNode();
        }
        if (type instanceof WildcardType w) {
            return type(w.getUpperBounds()[0], depth);
        }
        if (type instanceof GenericArrayType a) {
            return list(type(a.getGenericComponentType(), depth + 1));
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return list(type(p.getActualTypeArguments()[0], depth + 1));
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = JSON.objectNode().put("type", "object");
                map.set("additionalProperties", type(p.getActualTypeArguments()[1], depth + 1));
                return map;
            }
            return type(raw, depth);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == Character.class || c == char.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (c == Integer.class
                || c == int.class
                || c == Long.class
                || c == long.class
                || c == Short.class
                || c == short.class
                || c == BigInteger.class) {
            return orTemplate("integer");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class || c == BigDecimal.class) {
            return orTemplate("number");
        }
        if (c == Boolean.class || c == boolean.class) {
            return orTemplate("boolean");
        }
        if (c.isEnum()) {
            ArrayNode values = JSON.arrayNode();
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            ObjectNode e = JSON.objectNode();
            e.set("enum", values);
            return e;
        }
        if (c.isArray()) {
            return list(type(c.getComponentType(), depth + 1));
        }
        if (Collection.class.isAssignableFrom(c)) {
            return list(JSON.objectNode());
        }
        if (Map.class.isAssignableFrom(c)) {
            return JSON.objectNode().put("type", "object");
        }
        if (c.isRecord()) {
            return record(c, depth);
        }
        return JSON.objectNode(); // Object and anything else: any value
    }

    private static ObjectNode orTemplate(String jsonType) {
        ObjectNode schema = JSON.objectNode();
        schema.putArray("anyOf")
                .add(JSON.objectNode().put("type", jsonType))
                .add(JSON.objectNode().put("$ref", TEMPLATE_REF));
        return schema;
    }

    /** A list, or a single item (Jackson accepts it as a list of one), or a template giving a list. */
    private static ObjectNode list(ObjectNode item) {
        ObjectNode schema = JSON.objectNode();
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.add(JSON.objectNode().put("type", "array").set("items", item));
        anyOf.add(item);
        anyOf.add(JSON.objectNode().put("$ref", TEMPLATE_REF));
        return schema;
    }
}
