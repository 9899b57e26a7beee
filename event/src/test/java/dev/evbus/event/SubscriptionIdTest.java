package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionIdTest {
    /** Declared b before a so that sorting by name is what puts a first. */
    private static final KeyDefinition KEYED = TestKeys.nativeKey("sub.keyed")
            .param(ParamDef.builder("b").subscriptionKey().build())
            .param(ParamDef.builder("a").subscriptionKey().build())
            .param(ParamDef.builder("format").build())
            .build();

    private static String expectedId(String key, String compactJson) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(compactJson.getBytes(StandardCharsets.UTF_8));
        return key + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
    }

    @Test
    void keyWithoutSubscriptionKeyParamsIsItsOwnId() {
        KeyDefinition plain = TestKeys.nativeKey("sub.plain").param(ParamDef.builder("format").build()).build();
        assertEquals("sub.plain", SubscriptionId.of(plain, Params.of(Map.of("format", "json"))));
    }

    @Test
    void idHashesTheSortedCompactNameValueArray() throws Exception {
        String expected = expectedId("sub.keyed", "[{\"name\":\"a\",\"value\":\"1\"},{\"name\":\"b\",\"value\":\"2\"}]");
        assertEquals(expected, SubscriptionId.of(KEYED, Params.of(Map.of("a", "1", "b", "2"))));
    }

    @Test
    void missingSubscriptionKeyValueHashesAsEmptyString() throws Exception {
        String expected = expectedId("sub.keyed", "[{\"name\":\"a\",\"value\":\"\"},{\"name\":\"b\",\"value\":\"2\"}]");
        assertEquals(expected, SubscriptionId.of(KEYED, Params.of(Map.of("b", "2"))));
    }

    @Test
    void orderOfGivenParamsDoesNotChangeTheId() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertEquals(SubscriptionId.of(KEYED, Params.mutable(ab)), SubscriptionId.of(KEYED, Params.mutable(ba)));
    }

    @Test
    void nonSubscriptionKeyParamDoesNotChangeTheId() {
        assertEquals(SubscriptionId.of(KEYED, Params.of(Map.of("a", "1", "b", "2", "format", "json"))),
                SubscriptionId.of(KEYED, Params.of(Map.of("a", "1", "b", "2", "format", "text"))));
    }

    @Test
    void subscriptionKeyValueChangesTheId() {
        assertNotEquals(SubscriptionId.of(KEYED, Params.of(Map.of("a", "1", "b", "2"))),
                SubscriptionId.of(KEYED, Params.of(Map.of("a", "1", "b", "3"))));
    }

    @Test
    void valuesNeedingJsonEscapesHashTheirEscapedForm() throws Exception {
        String expected = expectedId("sub.keyed", "[{\"name\":\"a\",\"value\":\"say \\\"hi\\\"\"},{\"name\":\"b\",\"value\":\"\"}]");
        assertEquals(expected, SubscriptionId.of(KEYED, Params.of(Map.of("a", "say \"hi\""))));
    }
}
