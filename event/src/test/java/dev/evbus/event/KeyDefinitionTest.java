package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyDefinitionTest {
    private static final ObjectNode SCHEMA = JsonNodeFactory.instance.objectNode().put("type", "object");
    private static final ProcessHook PROCESS = (api, event, params) -> event.payload().node();

    private static void assertRejected(KeyDefinition.Builder builder, String key, String field) {
        KeyDefinitionException e = assertThrows(KeyDefinitionException.class, builder::build);
        assertEquals(key, e.key());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains("\"" + key + "\"") && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void emptyEventTypeIsRejected() {
        assertRejected(KeyDefinition.builder("k.empty-type").eventType("").nativeSchema(SCHEMA), "k.empty-type", "event_type");
    }

    @Test
    void missingEventTypeIsRejected() {
        assertRejected(KeyDefinition.builder("k.no-type").nativeSchema(SCHEMA), "k.no-type", "event_type");
    }

    @Test
    void bothSchemasAreRejected() {
        assertRejected(KeyDefinition.builder("k.both").eventType("a").nativeSchema(SCHEMA).customSchema(SCHEMA).process(PROCESS),
                "k.both", "schema");
    }

    @Test
    void neitherSchemaIsRejected() {
        assertRejected(KeyDefinition.builder("k.neither").eventType("a"), "k.neither", "schema");
    }

    @Test
    void nativeSchemaWithProcessHookIsRejected() {
        assertRejected(TestKeys.nativeKey("k.native-process").process(PROCESS), "k.native-process", "process");
    }

    @Test
    void customSchemaWithoutProcessHookIsRejected() {
        assertRejected(KeyDefinition.builder("k.custom").eventType("a").customSchema(SCHEMA), "k.custom", "schema");
    }

    @Test
    void customSchemaWithProcessHookBuilds() {
        KeyDefinition key = KeyDefinition.builder("k.custom-ok").eventType("a").customSchema(SCHEMA).process(PROCESS).build();
        assertEquals(OutputSchema.Kind.CUSTOM, key.schema().kind());
        assertTrue(key.process().isPresent());
    }

    @Test
    void unknownAuthTypeIsRejected() {
        assertRejected(TestKeys.nativeKey("k.auth").authTypes("user", "robot"), "k.auth", "auth_types");
    }

    @Test
    void knownAuthTypesAreKept() {
        assertEquals(List.of(AuthType.USER, AuthType.BOT), TestKeys.nativeKey("k.auth-ok").authTypes("user", "bot").build().authTypes());
    }

    @Test
    void enumParamWithoutValuesIsRejected() {
        assertRejected(TestKeys.nativeKey("k.enum").param(ParamDef.builder("level").type(ParamType.ENUM).build()),
                "k.enum", "params.level");
    }

    @Test
    void multiParamWithoutValuesIsRejected() {
        assertRejected(TestKeys.nativeKey("k.multi").param(ParamDef.builder("tags").type(ParamType.MULTI).build()),
                "k.multi", "params.tags");
    }

    @Test
    void valueWithoutDescriptionIsRejected() {
        assertRejected(TestKeys.nativeKey("k.value").param(ParamDef.builder("level").type(ParamType.ENUM)
                        .value("low", "quiet").value("high", " ").build()),
                "k.value", "params.level");
    }

    @Test
    void duplicateParamIsRejected() {
        assertRejected(TestKeys.nativeKey("k.dup-param")
                        .param(ParamDef.builder("region").build())
                        .param(ParamDef.builder("region").type(ParamType.INT).build()),
                "k.dup-param", "params.region");
    }

    @Test
    void defaultThatFailsItsOwnTypeIsRejected() {
        assertRejected(TestKeys.nativeKey("k.bad-default").param(ParamDef.builder("n").type(ParamType.INT).defaultValue("many").build()),
                "k.bad-default", "params.n");
    }

    @Test
    void keyNameWithSlashIsRejected() {
        assertRejected(TestKeys.nativeKey("orders/placed"), "orders/placed", "key");
    }

    @ParameterizedTest
    @CsvSource({"0,1", "-3,1", "1,1", "250,250", "1000,1000", "1001,1000", "50000,1000"})
    void bufferSizeIsClampedToOneThroughOneThousand(int requested, int expected) {
        assertEquals(expected, TestKeys.nativeKey("k.buffer").bufferSize(requested).build().bufferSize());
    }

    @Test
    void bufferSizeDefaultsToOneHundred() {
        assertEquals(100, TestKeys.nativeKey("k.buffer-default").build().bufferSize());
    }

    @Test
    void routeTypesDefaultToTheFixedEventType() {
        KeyDefinition key = TestKeys.nativeKey("k.route").build();
        assertEquals(List.of("order.placed"), key.routeTypes(Params.of(Map.of())));
    }

    @ParameterizedTest
    @CsvSource(value = {"raw", "a", "9", "log.alerts", "A_b-c.9", "_a", ".a", "-a", "a b", "a*", "é", "aé", "a/b", "''", "Z.", "a..b"})
    void keyAndParamNamesAreAcceptedExactlyAsTheDocumentedPatternsAcceptThem(String name) {
        String key = name == null ? "" : name;
        assertEquals(key.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), KeyNames.isKeyName(key), key);
        assertEquals(key.matches("[A-Za-z0-9_.-]+"), KeyNames.isParamName(key), key);
    }
}
