package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSnapshotTest {
    @TempDir
    Path dir;

    private ConfigSnapshot snapshot(String json) throws IOException {
        return ConfigSnapshot.read(Files.writeString(dir.resolve("app.json"), json));
    }

    @Test
    void aSourceChangesWhenItsSectionDiffersAppearsOrGoesAndNotWhenOnlyAnotherDoes() throws IOException {
        ConfigSnapshot before = snapshot("{\"sources\": {\"http\": {\"listen\": \":0\"}, \"file\": {\"path\": \"a\"}}}");
        assertEquals(Set.of("file"), before.changedSources(snapshot(
                "{\"sources\": {\"file\": {\"path\": \"b\"}, \"http\": {\"listen\": \":0\"}}}")));
        assertEquals(Set.of("http"), before.changedSources(snapshot("{\"sources\": {\"file\": {\"path\": \"a\"}}}")));
        assertEquals(Set.of(), before.changedSources(before));
    }

    @Test
    void retentionAndLimitsAreReportedAsNeedingARestartAndStayAsStartedAfterAReload() throws IOException {
        ConfigSnapshot before = snapshot("{\"retention\": {\"max_bytes\": \"8MiB\"}}");
        ConfigSnapshot next = snapshot("{\"retention\": {\"max_bytes\": \"16MiB\"}, \"bridge\": {\"servers\": \"nats://h\"}}");
        assertEquals(List.of("retention"), before.restartOnlyChanges(next));
        assertTrue(before.bridgeChanged(next));
        ConfigSnapshot applied = before.applied(next);
        assertEquals(List.of("retention"), applied.restartOnlyChanges(next), "still not applied, still reported");
        assertFalse(applied.bridgeChanged(next));
    }

    @Test
    void anAbsentFileIsAnEmptyConfig() throws IOException {
        ConfigSnapshot absent = ConfigSnapshot.read(dir.resolve("none.json"));
        assertEquals(Set.of("http"), absent.changedSources(snapshot("{\"sources\": {\"http\": {}}}")));
    }
}
