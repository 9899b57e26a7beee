package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusLimitsTest {
    @TempDir
    Path dir;

    private Path config(String json) throws Exception {
        return Files.writeString(dir.resolve("app.json"), json);
    }

    @Test
    void withoutAConfigOrALimitsSectionTheDefaultHolds() throws Exception {
        assertEquals(4096, BusLimits.load(dir.resolve("missing.json")).maxConnections());
        assertEquals(4096, BusLimits.load(config("{\"retention\":{}}")).maxConnections());
    }

    @Test
    void maxConnectionsIsReadFromTheLimitsSection() throws Exception {
        assertEquals(64, BusLimits.load(config("{\"limits\":{\"max_connections\":64}}")).maxConnections());
    }

    @Test
    void anUnusableLimitIsAConfigErrorNamingTheFileTheFieldAndTheRange() throws Exception {
        for (String bad : new String[] {"0", "-3", "1.5", "\"many\"", "10000000", "true"}) {
            Path file = config("{\"limits\":{\"max_connections\":" + bad + "}}");
            ConfigException e = assertThrows(ConfigException.class, () -> BusLimits.load(file), bad);
            assertTrue(e.getMessage().startsWith(file + ": limits.max_connections must be a whole number from 1 to 1000000"),
                    e.getMessage());
        }
        Path notObject = config("{\"limits\":7}");
        assertThrows(ConfigException.class, () -> BusLimits.load(notObject));
    }
}
