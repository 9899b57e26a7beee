package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamBinderTest {
    private static final KeyDefinition KEY = TestKeys.nativeKey("binder.test")
            .param(ParamDef.builder("region").required().build())
            .param(ParamDef.builder("verbose").type(ParamType.BOOL).defaultValue("false").build())
            .param(ParamDef.builder("limit").type(ParamType.INT).build())
            .param(ParamDef.builder("level").type(ParamType.ENUM)
                    .value("low", "only the quiet ones").value("high", "only the loud ones").defaultValue("low").build())
            .param(ParamDef.builder("tags").type(ParamType.MULTI)
                    .value("red", "red things").value("blue", "blue things").build())
            .build();

    @Test
    void defaultsAreAppliedForParamsNotGiven() {
        Params params = ParamBinder.bind(KEY, Map.of("region", "eu"));
        assertEquals(Map.of("region", "eu", "verbose", "false", "level", "low"), params.asMap());
    }

    @Test
    void givenValuesOverrideDefaults() {
        Params params = ParamBinder.bind(KEY, Map.of("region", "eu", "level", "high", "verbose", "true"));
        assertEquals("high", params.string("level"));
        assertTrue(params.bool("verbose"));
    }

    @Test
    void unknownParamIsRejectedWithTheValidNames() {
        ParamException e = assertThrows(ParamException.class,
                () -> ParamBinder.bind(KEY, Map.of("region", "eu", "colour", "red")));
        assertTrue(e.getMessage().contains("\"colour\""), e.getMessage());
        assertTrue(e.getMessage().contains("region, verbose, limit, level, tags"), e.getMessage());
    }

    @Test
    void unknownParamOfKeyWithoutParamsSaysItTakesNone() {
        KeyDefinition bare = TestKeys.nativeKey("binder.bare").build();
        ParamException e = assertThrows(ParamException.class, () -> ParamBinder.bind(bare, Map.of("x", "1")));
        assertTrue(e.getMessage().contains("takes no params"), e.getMessage());
    }

    @Test
    void missingRequiredParamIsRejected() {
        ParamException e = assertThrows(ParamException.class, () -> ParamBinder.bind(KEY, Map.of()));
        assertTrue(e.getMessage().contains("missing required param \"region\""), e.getMessage());
    }

    @Test
    void boolAcceptsOnlyTrueOrFalse() {
        assertDoesNotThrow(() -> ParamBinder.bind(KEY, Map.of("region", "eu", "verbose", "true")));
        ParamException e = assertThrows(ParamException.class,
                () -> ParamBinder.bind(KEY, Map.of("region", "eu", "verbose", "yes")));
        assertTrue(e.getMessage().contains("\"verbose\"") && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void intAcceptsOnlyWholeNumbers() {
        assertEquals(-42, ParamBinder.bind(KEY, Map.of("region", "eu", "limit", "-42")).integer("limit"));
        ParamException e = assertThrows(ParamException.class,
                () -> ParamBinder.bind(KEY, Map.of("region", "eu", "limit", "4.5")));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void enumAcceptsOnlyDeclaredValuesAndListsThem() {
        ParamException e = assertThrows(ParamException.class,
                () -> ParamBinder.bind(KEY, Map.of("region", "eu", "level", "medium")));
        assertTrue(e.getMessage().contains("low, high") && e.getMessage().contains("\"medium\""), e.getMessage());
    }

    @Test
    void multiAcceptsCommaSeparatedDeclaredValues() {
        Params params = ParamBinder.bind(KEY, Map.of("region", "eu", "tags", "red, blue,"));
        assertEquals(java.util.List.of("red", "blue"), params.multi("tags"));
    }

    @Test
    void multiRejectsAnUndeclaredItem() {
        ParamException e = assertThrows(ParamException.class,
                () -> ParamBinder.bind(KEY, Map.of("region", "eu", "tags", "red,green")));
        assertTrue(e.getMessage().contains("\"green\""), e.getMessage());
    }

    @Test
    void boundParamsAreStillMutableForNormalize() {
        Params params = ParamBinder.bind(KEY, Map.of("region", "eu"));
        params.put("region", "EU");
        assertEquals("EU", params.string("region"));
        assertFalse(params.get("limit").isPresent());
    }
}
