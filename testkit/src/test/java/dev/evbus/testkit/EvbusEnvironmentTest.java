package dev.evbus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an installation passes to the processes it starts. The build runs these tests with
 * {@code EVBUS_JAVA_OPTS} and {@code EVBUS_APP} set, as a developer's shell might have them.
 */
class EvbusEnvironmentTest {

    @Test
    void aTestInstallationIgnoresTheCallersEvbusSettings() throws Exception {
        try (Evbus evbus = Evbus.create()) {
            Map<String, String> env = evbus.command("status").environment();
            assertEquals(evbus.home().toString(), env.get("EVBUS_HOME"));
            assertEquals("2s", env.get("EVBUS_IDLE_TIMEOUT"));
            assertFalse(env.containsKey("EVBUS_JAVA_OPTS"), env.toString());
            assertFalse(env.containsKey("EVBUS_APP"), env.toString());
            assertEquals(System.getenv("PATH"), env.get("PATH"));
        }
    }

    @Test
    void aBenchInstallationKeepsTheCallersEvbusSettingsButNotItsApp() throws Exception {
        assertEquals("-Dfrom.the.caller=1", System.getenv("EVBUS_JAVA_OPTS"), "set by the build for this test");
        try (Evbus evbus = Evbus.keepingSettings(EvbusRoot.find(), "10m")) {
            Map<String, String> env = evbus.command("status").environment();
            assertEquals("-Dfrom.the.caller=1", env.get("EVBUS_JAVA_OPTS"));
            assertFalse(env.containsKey("EVBUS_APP"), env.toString());
            assertEquals(evbus.home().toString(), env.get("EVBUS_HOME"));
            assertEquals("10m", env.get("EVBUS_IDLE_TIMEOUT"));
        }
    }

    @Test
    void aCommandRunsTheCheckoutsLauncherInTheInstallationsWorkingDirectory() throws Exception {
        Path base;
        try (Evbus evbus = Evbus.create()) {
            ProcessBuilder builder = evbus.command("publish", "a.b");
            assertEquals(List.of(evbus.root().resolve("bin/evbus").toString(), "publish", "a.b"), builder.command());
            assertEquals(evbus.workDir().toFile(), builder.directory());
            base = evbus.base();
            assertTrue(Files.isDirectory(evbus.home()));
        }
        assertFalse(Files.exists(base), "closing removes the installation");
    }
}
