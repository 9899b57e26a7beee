package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.ParamDef;
import dev.evbus.event.ParamValue;

/** A key as {@code list --json} shows it: everything a caller needs to build a consume command line. */
final class KeyDescriptions {
    private KeyDescriptions() {
    }

    static ObjectNode describe(KeyDefinition key) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", key.key());
        node.put("display_name", key.displayName());
        node.put("description", key.description());
        node.put("event_type", key.eventType());
        node.put("subscription_type", key.subscriptionType().wireName());
        ArrayNode params = node.putArray("params");
        for (ParamDef param : key.params()) {
            ObjectNode p = params.addObject();
            p.put("name", param.name());
            p.put("type", param.type().wireName());
            p.put("description", param.description());
            p.put("required", param.required());
            if (param.defaultValue() != null) {
                p.put("default", param.defaultValue());
            }
            if (!param.values().isEmpty()) {
                ArrayNode values = p.putArray("values");
                for (ParamValue value : param.values()) {
                    values.addObject().put("value", value.value()).put("description", value.description());
                }
            }
            p.put("subscription_key", param.subscriptionKey());
        }
        ArrayNode auth = node.putArray("auth_types");
        key.authTypes().stream().map(AuthType::wireName).forEach(auth::add);
        ArrayNode scopes = node.putArray("scopes");
        key.scopes().forEach(scopes::add);
        ArrayNode console = node.putArray("required_console_events");
        key.requiredConsoleEvents().forEach(console::add);
        node.put("schema_kind", key.schema().kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("buffer_size", key.bufferSize());
        node.put("workers", key.workers());
        node.put("single_consumer", key.singleConsumer());
        node.put("origin", key.origin());
        return node;
    }
}
