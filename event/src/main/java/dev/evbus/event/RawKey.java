package dev.evbus.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/** The built-in {@code raw} key: events of one type pattern, passed through as the standard envelope. */
final class RawKey {
    static final String NAME = "raw";

    private RawKey() {
    }

    static KeyDefinition definition() {
        return KeyDefinition.builder(NAME)
                .displayName("Raw events")
                .description("Every event whose type matches the type param, unchanged.")
                .eventType("*")
                .param(ParamDef.builder("type")
                        .description("event type: exact (order.placed), prefix glob (order.*) or *")
                        .defaultValue("*")
                        .build())
                .routeTypes(params -> List.of(params.string("type")))
                .nativeSchema(JsonNodeFactory.instance.objectNode().put("description", "the publisher's payload, any JSON"))
                .bufferSize(KeyDefinition.MAX_BUFFER_SIZE)
                .normalize((api, params) -> {
                    String problem = EventTypePattern.problem(params.string("type"));
                    if (problem != null) {
                        throw new ParamException("param \"type\": " + problem);
                    }
                })
                .build();
    }
}
