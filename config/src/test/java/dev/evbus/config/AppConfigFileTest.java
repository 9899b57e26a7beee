package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in an app's config file: each one line naming the file, where, and what it likely meant. */
class AppConfigFileTest {
    @TempDir
    Path dir;

    /** The message, with the file's path shortened to its name. */
    private String refusal(String json) {
        return assertThrows(ConfigException.class, () -> ConfigFiles.load(dir, json)).getMessage()
                .replace(new Home(dir).appConfig("shop").toString(), "shop.json");
    }

    @Test
    void anUnknownSectionIsRefusedWithTheSectionItMostLikelyMeant() {
        assertEquals("shop.json: retension: unknown section; did you mean retention? "
                + "(known: api, retention, limits, sources, bridge, pipelines, metrics)", refusal("{\"retension\": {\"max_age\": \"1m\"}}"));
        assertEquals("shop.json: colour: unknown section (known: api, retention, limits, sources, bridge, pipelines, metrics)",
                refusal("{\"colour\": 1}"));
        assertEquals("shop.json: [\"a\\nb\"]: unknown section (known: api, retention, limits, sources, bridge, pipelines, metrics)",
                refusal("{\"a\\nb\": 1}"));
    }

    @Test
    void anUnknownOptionOfRetentionOrApiIsRefusedNamingItsPath() {
        assertEquals("shop.json: retention.max_bytse: unknown option; did you mean max_bytes? (known: max_bytes, max_age, durable)",
                refusal("{\"retention\": {\"max_bytse\": \"64MiB\"}}"));
        assertEquals("shop.json: api.token: unknown option (known: base_url, token_env, timeout_ms)",
                refusal("{\"api\": {\"base_url\": \"https://x\", \"token\": \"s3cret\"}}"));
    }

    @Test
    void aFileThatIsNotJsonIsOneLineWithLineColumnAndTheShortReason() {
        assertEquals("shop.json:2:1: not valid JSON: Unexpected end-of-input: expected close marker for Object",
                refusal("{\"retention\": {\"max_age\":\"1m\"}\n"));
        assertEquals("shop.json:1:30: not valid JSON: Duplicate field 'retention'",
                refusal("{\"retention\": {}, \"retention\": {}}"));
        String message = refusal("{\"retention\": {\"max_age\": 1m}}");
        assertEquals(1, message.lines().count(), message);
        assertEquals(false, message.contains("Source"), message);
    }
}
