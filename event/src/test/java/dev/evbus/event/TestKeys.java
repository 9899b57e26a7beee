package dev.evbus.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The smallest key that builds, so each test states only the fields it is about. */
final class TestKeys {
    private TestKeys() {
    }

    static KeyDefinition.Builder nativeKey(String name) {
        return KeyDefinition.builder(name)
                .eventType("order.placed")
                .nativeSchema(JsonNodeFactory.instance.objectNode().put("type", "object"));
    }
}
