package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Home;
import dev.evbus.event.KeyRegistry;
import dev.evbus.config.PluginLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from the home and the key path into the (process-wide) registry; key names are unique per test. */
class KeyFilesTest {
    @TempDir
    Path dir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private Path key(Path where, String file, String key) throws IOException {
        Files.createDirectories(where);
        return Files.writeString(where.resolve(file), "key: " + key + "\nevent_types: [a]\n");
    }

    private PluginLoader.Result load(Home home, String keyPath) {
        return KeyFiles.loadAll(home, keyPath == null ? Map.of() : Map.of("EVBUS_KEY_PATH", keyPath), TestStages.library());
    }

    @Test
    void keysLoadFromTheHomeThenEachKeyPathEntryInNameOrder() throws IOException {
        Home home = new Home(dir.resolve("home"));
        key(home.keys(), "b.yml", "b-" + unique);
        Files.writeString(home.keys().resolve("a.json"), "{\"key\": \"a-" + unique + "\", \"event_types\": [\"a\"]}");
        Files.writeString(home.keys().resolve("notes.txt"), "not a key");
        Path extra = dir.resolve("extra");
        key(extra, "c.yaml", "c-" + unique);
        Path single = key(dir.resolve("single"), "d.yaml", "d-" + unique);
        PluginLoader.Result result = load(home, String.join(File.pathSeparator, extra.toString(), "", single.toString(),
                dir.resolve("nowhere").toString()));
        assertEquals(List.of("a-" + unique, "b-" + unique, "c-" + unique, "d-" + unique), result.registeredKeys());
        assertEquals(List.of("key path entry \"" + dir.resolve("nowhere") + "\" does not exist"), result.warnings());
        assertEquals(home.keys().resolve("b.yml").toString(), KeyRegistry.find("b-" + unique).orElseThrow().origin());
        assertEquals(single.toString(), KeyRegistry.find("d-" + unique).orElseThrow().origin());
    }

    @Test
    void aBrokenFileCostsOneWarningPerProblemAndTheGoodFileBesideItLoads() throws IOException {
        Home home = new Home(dir);
        Files.createDirectories(home.keys());
        Path broken = Files.writeString(home.keys().resolve("a-broken.yaml"), "key: broken-" + unique + "\nevent_types: a\nstages:\n  - nope: {}\n  - tag: {}\n");
        key(home.keys(), "b-good.yaml", "good-" + unique);
        PluginLoader.Result result = load(home, null);
        assertEquals(List.of("good-" + unique), result.registeredKeys());
        assertEquals(List.of(
                "key file \"" + broken + "\":4: stages[0].nope: unknown stage \"nope\" (stages: tag)",
                "key file \"" + broken + "\":5: stages[1].tag.field: is required"), result.warnings());
        assertTrue(KeyRegistry.find("broken-" + unique).isEmpty());
    }

    @Test
    void aKeyNameAlreadyRegisteredIsAWarningNamingBothFilesAndTheFirstStays() throws IOException {
        Home home = new Home(dir);
        Path first = key(home.keys(), "1.yaml", "twin-" + unique);
        Path second = key(home.keys(), "2.yaml", "twin-" + unique);
        PluginLoader.Result result = load(home, null);
        assertEquals(List.of("twin-" + unique), result.registeredKeys());
        assertEquals(List.of("key file \"" + second + "\": key \"twin-" + unique + "\" is already defined by \"" + first
                + "\"; this file is ignored"), result.warnings());
        assertEquals(first.toString(), KeyRegistry.find("twin-" + unique).orElseThrow().origin());
    }

    @Test
    void aKeyFileCannotReplaceABuiltInKey() throws IOException {
        Home home = new Home(dir);
        Path raw = key(home.keys(), "raw.yaml", "raw");
        PluginLoader.Result result = load(home, null);
        assertEquals(List.of(), result.registeredKeys());
        assertEquals(List.of("key file \"" + raw + "\": key \"raw\" is already defined by \"built-in\"; this file is ignored"),
                result.warnings());
    }

    @Test
    void theBusLoadsKeysForTheirHooksWithoutCheckingStageOptionsOrOpeningFiles() throws IOException {
        Home home = new Home(dir);
        Files.createDirectories(home.keys());
        Files.writeString(home.keys().resolve("k.yaml"), "key: hooks-" + unique
                + "\nevent_types: [a]\ncleanup: {path: /x}\nstages:\n  - lookup: {table: missing.csv}\n");
        PluginLoader.Result result = KeyFiles.loadForHooks(home, Map.of());
        assertEquals(List.of("hooks-" + unique), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aHomeWithoutAKeysDirectoryLoadsNothingWithoutAWarning() {
        PluginLoader.Result result = load(new Home(dir.resolve("none")), null);
        assertEquals(List.of(), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
    }
}
