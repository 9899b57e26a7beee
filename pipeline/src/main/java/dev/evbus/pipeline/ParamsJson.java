package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.ParamDef;
import dev.evbus.event.Params;
import java.util.List;

/**
 * A key's params as jq's {@code $params} sees them: every declared param present (null when it has
 * no value), typed by its declaration, so {@code $params.threshold} compares as a number.
 */
public final class ParamsJson {
    private ParamsJson() {
    }

    public static ObjectNode of(List<ParamDef> declared, Params values) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (ParamDef param : declared) {
            String value = values.get(param.name()).orElse(null);
            json.set(param.name(), typed(param, value));
        }
        return json;
    }

    private static JsonNode typed(ParamDef param, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        switch (param.type()) {
            case INT -> {
                try {
                    return nodes.numberNode(Long.parseLong(value.trim()));
                } catch (NumberFormatException notChecked) {
                    return nodes.textNode(value);
                }
            }
            case BOOL -> {
                return nodes.booleanNode(Boolean.parseBoolean(value.trim()));
            }
            case MULTI -> {
                ArrayNode array = nodes.arrayNode();
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        array.add(part.trim());
                    }
                }
                return array;
            }
            default -> {
                return nodes.textNode(value);
            }
        }
    }
}
