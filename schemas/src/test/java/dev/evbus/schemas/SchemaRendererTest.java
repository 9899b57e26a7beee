package dev.evbus.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRendererTest {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private void assertOverrideYields(String schema, String pointer, String override, String expected) {
        JsonNode result = SchemaRenderer.applyOverrides(json(schema), Map.of(pointer, json(override)));

        assertEquals(json(expected), result);
    }

    private JsonNode orderPayload() {
        return json("""
                {"type": "object", "properties": {"id": {"type": "string"}, "amount": {"type": "number"}}}""");
    }

    @Test
    void envelopeWrapsPayloadSchemaAndRequiresAllButEventId() {
        JsonNode envelope = SchemaRenderer.envelope(orderPayload());

        assertEquals(DIALECT, envelope.get("$schema").asText());
        assertEquals("object", envelope.get("type").asText());
        assertEquals(orderPayload(), envelope.at("/properties/payload"));
        assertEquals(json("""
                ["event_type", "source_time", "offset", "seq", "payload"]"""), envelope.get("required"));
        List<String> names = new ArrayList<>();
        envelope.get("properties").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("event_id", "event_type", "source_time", "offset", "seq", "payload"), names);
    }

    @Test
    void envelopeDescribesEachEnvelopeField() {
        JsonNode properties = SchemaRenderer.envelope(orderPayload()).get("properties");

        assertEquals("string", properties.at("/event_id/type").asText());
        assertEquals("string", properties.at("/event_type/type").asText());
        assertEquals("string", properties.at("/source_time/type").asText());
        assertEquals("^[0-9]+$", properties.at("/source_time/pattern").asText());
        assertEquals("integer", properties.at("/seq/type").asText());
        assertEquals(1, properties.at("/seq/minimum").asInt());
        assertEquals("integer", properties.at("/offset/type").asText());
        assertEquals(1, properties.at("/offset/minimum").asInt());
        for (String field : List.of("event_id", "event_type", "source_time", "offset", "seq")) {
            assertFalse(properties.get(field).path("description").asText().isBlank(), field + " has a description");
        }
    }

    @Test
    void envelopeDropsDialectFromEmbeddedPayloadSchema() {
        JsonNode payload = json("""
                {"$schema": "%s", "type": "string"}""".formatted(DIALECT));

        assertEquals(json("""
                {"type": "string"}"""), SchemaRenderer.envelope(payload).at("/properties/payload"));
    }

    @Test
    void envelopeAcceptsBooleanPayloadSchema() {
        JsonNode envelope = SchemaRenderer.envelope(json("true"));

        assertEquals(json("true"), envelope.at("/properties/payload"));
    }

    @Test
    void renderingDoesNotMutateInputs() {
        JsonNode payload = json("""
                {"$schema": "%s", "type": "object", "properties": {"amount": {"type": "number"}}}""".formatted(DIALECT));
        JsonNode customSchema = json("""
                {"type": "object", "properties": {"line": {"type": "string"}}}""");
        JsonNode override = json("""
                {"type": "integer"}""");
        JsonNode payloadBefore = payload.deepCopy();
        JsonNode customBefore = customSchema.deepCopy();
        JsonNode overrideBefore = override.deepCopy();

        JsonNode nativeResult = SchemaRenderer.render(true, payload, Map.of("/properties/payload/properties/amount", override));
        JsonNode customResult = SchemaRenderer.render(false, customSchema, Map.of("/properties/line", override));
        ((ObjectNode) nativeResult.at("/properties/payload/properties/amount"))
                .put("minimum", 0);
        ((ObjectNode) customResult.at("/properties/line")).put("minimum", 0);

        assertEquals(payloadBefore, payload);
        assertEquals(customBefore, customSchema);
        assertEquals(overrideBefore, override);
    }

    @Test
    void customAddsDialectWhenMissing() {
        JsonNode given = json("""
                {"type": "object", "properties": {"line": {"type": "string"}}}""");

        JsonNode rendered = SchemaRenderer.custom(given);

        assertEquals(json("""
                {"$schema": "%s", "type": "object", "properties": {"line": {"type": "string"}}}""".formatted(DIALECT)),
                rendered);
        assertEquals("$schema", rendered.fieldNames().next());
        assertFalse(given.has("$schema"), "input left without $schema");
    }

    @Test
    void customKeepsDialectItAlreadyDeclares() {
        JsonNode given = json("""
                {"$schema": "https://json-schema.org/draft-07/schema#", "type": "string"}""");

        assertEquals(given, SchemaRenderer.custom(given));
    }

    @Test
    void overrideReplacesNestedNode() {
        assertOverrideYields("""
                {"type": "object", "properties": {"order": {"type": "object",
                  "properties": {"amount": {"type": "number"}, "id": {"type": "string"}}}}}""",
                "/properties/order/properties/amount", """
                {"type": "string", "pattern": "^[0-9]+\\\\.[0-9]{2}$"}""", """
                {"type": "object", "properties": {"order": {"type": "object",
                  "properties": {"amount": {"type": "string", "pattern": "^[0-9]+\\\\.[0-9]{2}$"},
                                 "id": {"type": "string"}}}}}""");
    }

    @Test
    void overrideMayAddPropertyToExistingObject() {
        assertOverrideYields("""
                {"properties": {}}""", "/properties/note", """
                {"type": "string"}""", """
                {"properties": {"note": {"type": "string"}}}""");
    }

    @Test
    void overrideWithMissingParentThrowsNamingPointer() {
        JsonNode schema = json("""
                {"properties": {"amount": {"type": "number"}}}""");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SchemaRenderer.applyOverrides(schema, Map.of("/properties/order/properties/amount", json("{}"))));

        assertEquals("schema override at \"/properties/order/properties/amount\": "
                + "no object or array at its parent \"/properties/order/properties\"", thrown.getMessage());
    }

    @Test
    void overrideUnderScalarParentThrows() {
        JsonNode schema = json("""
                {"type": "number"}""");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SchemaRenderer.applyOverrides(schema, Map.of("/type/format", json("{}"))));

        assertTrue(thrown.getMessage().contains("\"/type/format\""), thrown.getMessage());
    }

    @Test
    void overrideReplacesArrayElementAtValidIndex() {
        assertOverrideYields("""
                {"prefixItems": [{"type": "string"}, {"type": "number"}]}""", "/prefixItems/1", """
                {"type": "integer"}""", """
                {"prefixItems": [{"type": "string"}, {"type": "integer"}]}""");
    }

    @Test
    void overrideBeyondArrayEndThrowsNamingPointer() {
        JsonNode schema = json("""
                {"prefixItems": [{"type": "string"}]}""");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SchemaRenderer.applyOverrides(schema, Map.of("/prefixItems/1", json("{}"))));

        assertEquals("schema override at \"/prefixItems/1\": the array at \"/prefixItems\" has no index 1 (size 1)",
                thrown.getMessage());
    }

    @Test
    void malformedPointerThrowsNamingIt() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SchemaRenderer.applyOverrides(json("{}"), Map.of("properties/x", json("{}"))));

        assertTrue(thrown.getMessage().startsWith("schema override at \"properties/x\": "), thrown.getMessage());
    }

    @Test
    void escapedSlashAddressesKeyContainingSlash() {
        assertOverrideYields("""
                {"properties": {"a/b": {"type": "string"}, "a": {"properties": {"b": {"type": "string"}}}}}""",
                "/properties/a~1b", """
                {"type": "boolean"}""", """
                {"properties": {"a/b": {"type": "boolean"}, "a": {"properties": {"b": {"type": "string"}}}}}""");
    }

    @Test
    void escapedTildeAddressesKeyContainingTilde() {
        assertOverrideYields("""
                {"properties": {"~home": {"type": "string"}}}""", "/properties/~0home", """
                {"type": "null"}""", """
                {"properties": {"~home": {"type": "null"}}}""");
    }

    @Test
    void emptyPointerReplacesWholeSchema() {
        JsonNode replacement = json("""
                {"type": "array"}""");

        assertEquals(replacement, SchemaRenderer.applyOverrides(orderPayload(), Map.of("", replacement)));
    }

    @Test
    void ancestorOverrideAppliesBeforeDescendantWhateverMapOrder() {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        overrides.put("/properties/order/properties/id", json("""
                {"type": "integer"}"""));
        overrides.put("/properties/order", json("""
                {"type": "object", "properties": {"id": {"type": "string"}}}"""));

        JsonNode result = SchemaRenderer.applyOverrides(json("""
                {"properties": {"order": {}}}"""), overrides);

        assertEquals(json("""
                {"properties": {"order": {"type": "object", "properties": {"id": {"type": "integer"}}}}}"""), result);
    }

    @Test
    void renderNativeAppliesOverridesInsideEnvelopePayload() {
        JsonNode result = SchemaRenderer.render(true, orderPayload(), Map.of(
                "/properties/payload/properties/amount", json("""
                        {"type": "integer", "minimum": 0}""")));

        JsonNode expected = SchemaRenderer.envelope(json("""
                {"type": "object", "properties": {"id": {"type": "string"}, "amount": {"type": "integer", "minimum": 0}}}"""));
        assertEquals(expected, result);
    }

    @Test
    void renderCustomAppliesOverridesToSchemaAsGiven() {
        JsonNode result = SchemaRenderer.render(false, json("""
                {"type": "object", "properties": {"line": {"type": "string"}}}"""), Map.of("/properties/line", json("""
                {"type": "string", "maxLength": 80}""")));

        assertEquals(json("""
                {"$schema": "%s", "type": "object", "properties": {"line": {"type": "string", "maxLength": 80}}}"""
                .formatted(DIALECT)), result);
    }
}
