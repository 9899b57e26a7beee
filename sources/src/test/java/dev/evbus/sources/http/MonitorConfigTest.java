package dev.evbus.sources.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
    private static final Path FILE = Path.of("apps/test.json");
    private static final Map<String, String> ENV = Map.of("METRICS_TOKEN", " t0ken ");

    private static MonitorConfig read(String json) throws Exception {
        return MonitorConfig.read(FILE, new ObjectMapper().readTree(json), ENV::get);
    }

    @Test
    void anEmptySectionListensOnLoopbackPort9464WithoutAToken() throws Exception {
        MonitorConfig config = read("{}");
        assertEquals(new ListenAddress("127.0.0.1", 9464), config.listen());
        assertNull(config.token());
    }

    @Test
    void listenAndTokenEnvFollowTheHttpSourcesRules() throws Exception {
        MonitorConfig config = read("{\"listen\": \":0\", \"token_env\": \"METRICS_TOKEN\"}");
        assertEquals(new ListenAddress("127.0.0.1", 0), config.listen());
        assertTrue(config.token().admits("Bearer t0ken"));
    }

    @Test
    void eachBadFieldIsOneLineNamingFileAndField() {
        assertEquals("apps/test.json: metrics.listen: port must be a number from 0 to 65535 (0 picks a free one), not \"x\"",
                assertThrows(ConfigException.class, () -> read("{\"listen\": \"1.2.3.4:x\"}")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> read("{\"token_env\": \"UNSET\"}")).getMessage()
                .startsWith("apps/test.json: metrics.token_env: names $UNSET, which is not set or empty"));
        assertEquals("apps/test.json: metrics.port: unknown option (known: listen, token_env)",
                assertThrows(ConfigException.class, () -> read("{\"port\": 1}")).getMessage());
        assertEquals("apps/test.json: metrics: must be an object, e.g. {\"listen\": \"127.0.0.1:9464\"}",
                assertThrows(ConfigException.class, () -> read("[]")).getMessage());
    }
}
