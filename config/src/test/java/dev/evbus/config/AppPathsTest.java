package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppPathsTest {
    private static final Home HOME = new Home(Path.of("/home/someone/.evbus"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/b|a_b",
        "a\\b|a_b",
        "a..b|a_b",
        "../x|__x",
        "..|_",
        ".|_",
        "my-app.v2|my-app.v2",
    })
    void separatorsAndDotDotBecomeUnderscores(String appId, String expected) {
        assertEquals(expected, AppPaths.sanitise(appId));
    }

    @Test
    void nulBecomesUnderscore() {
        assertEquals("a_b", AppPaths.sanitise("a\0b"));
    }

    @Test
    void emptyIdBecomesUnderscore() {
        assertEquals("_", AppPaths.sanitise(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "../../etc", "/etc/passwd", "a/../../b", "..\\..\\x", ".", "", "...."})
    void appDirectoryIsAlwaysDirectlyBelowEvents(String appId) {
        Path dir = HOME.app(appId).dir().normalize();
        assertEquals(HOME.events(), dir.getParent(), () -> appId + " escaped to " + dir);
    }

    @Test
    void longAppIdGetsShortHashedDirectoryName() {
        String appId = "a".repeat(300);
        String name = HOME.app(appId).dir().getFileName().toString();
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= AppPaths.MAX_VERBATIM_NAME, name);
        assertTrue(name.startsWith("aaaa"), name);
    }

    @Test
    void distinctLongAppIdsGetDistinctDirectories() {
        String common = "x".repeat(299);
        Path first = HOME.app(common + "1").dir();
        Path second = HOME.app(common + "2").dir();
        assertNotEquals(first, second);
    }

    @Test
    void shortAppIdKeepsItsSanitisedName() {
        assertEquals(HOME.events().resolve("shop"), HOME.app("shop").dir());
    }
}
