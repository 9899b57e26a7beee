package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRegistryTest {

    @Test
    void registeredKeyCanBeFound() {
        KeyDefinition key = TestKeys.nativeKey("registry.find").build();
        KeyRegistry.register(key);
        assertSame(key, KeyRegistry.find("registry.find").orElseThrow());
    }

    @Test
    void duplicateKeyIsRefusedAndTheFirstKept() {
        KeyDefinition first = TestKeys.nativeKey("registry.duplicate").build();
        KeyRegistry.register(first);
        KeyDefinitionException e = assertThrows(KeyDefinitionException.class,
                () -> KeyRegistry.register(TestKeys.nativeKey("registry.duplicate").build()));
        assertEquals("registry.duplicate", e.key());
        assertEquals("key", e.field());
        assertSame(first, KeyRegistry.find("registry.duplicate").orElseThrow());
    }

    @Test
    void rawKeyIsBuiltIn() {
        assertTrue(KeyRegistry.find("raw").isPresent());
    }
}
