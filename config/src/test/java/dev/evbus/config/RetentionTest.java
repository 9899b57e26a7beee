package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention settings as people write them, and one clear message when they are wrong. */
class RetentionTest {
    @TempDir
    Path dir;

    private AppConfig load(String json) throws IOException {
        return ConfigFiles.load(dir, json);
    }

    @Test
    void sizesAndDurationsReadInTheUnitsPeopleWrite() {
        assertEquals(64L << 20, DataSize.parse("64MiB"));
        assertEquals(512L << 10, DataSize.parse("512KiB"));
        assertEquals(1L << 30, DataSize.parse("1GiB"));
        assertEquals(100_000_000L, DataSize.parse("100MB"));
        assertEquals(4096, DataSize.parse("4096"));
        assertEquals(Duration.ofMinutes(10), DurationText.parse("10m"));
        assertEquals(Duration.ofDays(7), DurationText.parse("7d"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("1h30m"));
        assertEquals("64MiB", DataSize.format(64L << 20));
    }

    @Test
    void aMissingFileOrSectionGivesTheDefaults() throws IOException {
        assertEquals(Retention.DEFAULTS, AppConfig.load(new Home(dir), "none").retention());
        assertEquals(Retention.DEFAULTS, load("{\"api\": null}").retention());
        assertEquals(new Retention(64L << 20, Duration.ofMinutes(10), false), Retention.DEFAULTS);
    }

    @Test
    void everyFieldIsRead() throws IOException {
        Retention retention = load("{\"retention\": {\"max_bytes\": \"256MiB\", \"max_age\": \"1h\", \"durable\": true}}").retention();
        assertEquals(new Retention(256L << 20, Duration.ofHours(1), true), retention);
    }

    @Test
    void aSettingThatDoesNotParseNamesTheFileAndTheField() {
        ConfigException size = assertThrows(ConfigException.class, () -> load("{\"retention\": {\"max_bytes\": \"lots\"}}"));
        assertTrue(size.getMessage().contains("shop.json: retention.max_bytes: not a size: \"lots\""), size.getMessage());
        ConfigException age = assertThrows(ConfigException.class, () -> load("{\"retention\": {\"max_age\": \"forever\"}}"));
        assertTrue(age.getMessage().contains("retention.max_age: not a duration"), age.getMessage());
        ConfigException durable = assertThrows(ConfigException.class, () -> load("{\"retention\": {\"durable\": \"yes\"}}"));
        assertTrue(durable.getMessage().contains("retention.durable must be true or false"), durable.getMessage());
        ConfigException tiny = assertThrows(ConfigException.class, () -> load("{\"retention\": {\"max_bytes\": \"1KiB\"}}"));
        assertTrue(tiny.getMessage().contains("retention.max_bytes must be at least 2MiB"), tiny.getMessage());
    }
}
