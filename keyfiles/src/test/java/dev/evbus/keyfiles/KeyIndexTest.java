package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.config.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.config.PluginLoader;
import dev.evbus.config.SettingsFile;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key index: which file defines a key, found without compiling any, and loading that key
 * alone with the precedence loading every file has. Key names are unique per test (the registry
 * is process-wide).
 */
class KeyIndexTest {
    @TempDir
    Path dir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private Home home() throws IOException {
        Home home = new Home(dir.resolve("home"));
        Files.createDirectories(home.keys());
        return home;
    }

    private static Path write(Path where, String name, String text) throws IOException {
        Files.createDirectories(where);
        return Files.writeString(where.resolve(name), text);
    }

    /** A key whose lookup stage names {@code table}, read and indexed whenever the stage is compiled. */
    private static String withTable(String key, String table) {
        return "key: " + key + "\nevent_types: [log.*]\nstages:\n  - lookup: {field: ip, table: " + table + "}\n";
    }

    private static KeyFileReader compiling() {
        return new KeyFileReader(StageLibrary.standard(), new LoadedFiles());
    }

    @Test
    void theIndexNamesEachFilesTopLevelKeyWithoutReadingTheRest() throws IOException {
        Home home = home();
        Path yaml = write(home.keys(), "a.yaml", "# a comment\ndescription: key is not this\nschema: {properties: {key: {type: string}}}\n"
                + "key: alerts-" + unique + "\nevent_types: [a]\nstages: [ this is not valid YAML\n");
        Path json = write(home.keys(), "b.json", "{\"params\": [{\"name\": \"key\"}], \"key\": \"orders-" + unique + "\", \"event_types\": [\"a\"]}");
        Path number = write(home.keys(), "c.yaml", "key: 7\nevent_types: [a]\n");
        Path broken = write(home.keys(), "d.yaml", "event_types: [a\nkey: lost-" + unique + "\n");
        Path list = write(home.keys(), "e.yml", "- key: listed-" + unique + "\n");
        write(home.keys(), "notes.txt", "key: not-a-key-file\n");

        KeyIndex index = KeyIndex.scan(home, Map.of());

        assertEquals(List.of(new KeyIndex.Entry(yaml, Optional.of("alerts-" + unique)),
                new KeyIndex.Entry(json, Optional.of("orders-" + unique)), new KeyIndex.Entry(number, Optional.empty()),
                new KeyIndex.Entry(broken, Optional.empty()), new KeyIndex.Entry(list, Optional.empty())), index.entries());
        assertEquals(List.of(yaml), index.filesNaming("alerts-" + unique));
        assertEquals(List.of(json), index.filesNaming("orders-" + unique));
        assertEquals(List.of(), index.filesNaming("lost-" + unique));
        assertEquals(List.of(), index.warnings());
    }

    @Test
    void theIndexKeepsLoadOrderHomeFirstThenEachKeyPathEntryAndWarnsOfAMissingEntry() throws IOException {
        Home home = home();
        Path second = write(home.keys(), "2.yaml", "key: twin-" + unique + "\nevent_types: [a]\n");
        Path first = write(home.keys(), "1.yaml", "key: twin-" + unique + "\nevent_types: [a]\n");
        Path extra = write(dir.resolve("extra"), "0.yaml", "key: twin-" + unique + "\nevent_types: [a]\n");
        String keyPath = String.join(File.pathSeparator, extra.getParent().toString(), dir.resolve("nowhere").toString());

        KeyIndex index = KeyIndex.scan(home, Map.of("EVBUS_KEY_PATH", keyPath));

        assertEquals(List.of(first, second, extra), index.filesNaming("twin-" + unique));
        assertEquals(List.of("key path entry \"" + dir.resolve("nowhere") + "\" does not exist"), index.warnings());
    }

    @Test
    void loadingAKeyCompilesOnlyItsFileAndSaysNothingOfBrokenOrHugeOthers() throws IOException {
        Home home = home();
        Path wanted = write(home.keys(), "m-wanted.yaml", withTable("wanted-" + unique, "small.csv"));
        write(home.keys(), "small.csv", "ip,city\n1.1.1.1,Berlin\n");
        write(home.keys(), "a-broken.yaml", "key: broken-" + unique + "\nevent_types: [a\n");
        write(home.keys(), "b-bad-stage.yaml", "key: bad-" + unique + "\nevent_types: [a]\nstages:\n  - nope: {}\n");
        // loading this table would be refused with a warning ("key \"x\" again"): silence proves it was not read
        write(home.keys(), "c-other.yaml", withTable("other-" + unique, "other.csv"));
        write(home.keys(), "other.csv", "ip,city\nx,a\nx,b\n");
        write(home.keys(), "d-missing.yaml", withTable("missing-" + unique, "nowhere.csv"));
        // past the size a key file may have: the index does not hold it whole, and it names no key
        Path huge = write(home.keys(), "e-huge.yaml", "key: huge-" + unique + "\nevent_types: [a]\n# "
                + "x".repeat(SettingsFile.MAX_BYTES) + "\n");
        assertEquals(Optional.empty(), KeyIndex.keyOf(huge), "a file past the limit names no key, though its first line does");

        PluginLoader.Result result = KeyFiles.loadKey(home, Map.of(), "wanted-" + unique, KeyIndexTest::compiling);

        assertEquals(List.of("wanted-" + unique), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
        assertEquals(wanted.toString(), KeyRegistry.find("wanted-" + unique).orElseThrow().origin());
        for (String other : List.of("broken-", "bad-", "other-", "missing-", "huge-")) {
            assertTrue(KeyRegistry.find(other + unique).isEmpty(), other);
        }
    }

    @Test
    void theFirstFileNamingAKeyWinsAndALaterOneIsIgnoredUnreadWithTodaysWarning() throws IOException {
        Home home = home();
        Path first = write(home.keys(), "1.yaml", "key: twin-" + unique + "\ndescription: first\nevent_types: [a]\n");
        Path second = write(dir.resolve("extra"), "2.yaml", withTable("twin-" + unique, "nowhere.csv"));

        PluginLoader.Result result = KeyFiles.loadKey(home, Map.of("EVBUS_KEY_PATH", second.toString()), "twin-" + unique, KeyIndexTest::compiling);

        assertEquals(List.of("twin-" + unique), result.registeredKeys());
        assertEquals(List.of("key file \"" + second + "\": key \"twin-" + unique + "\" is already defined by \"" + first
                + "\"; this file is ignored"), result.warnings());
        assertEquals("first", KeyRegistry.find("twin-" + unique).orElseThrow().description());
    }

    @Test
    void aBrokenFileNamingTheKeyIsReportedAndTheNextFileNamingItDefinesIt() throws IOException {
        Home home = home();
        Path broken = write(home.keys(), "1.yaml", "key: twin-" + unique + "\nevent_types: [a]\ncolour: red\n");
        Path good = write(home.keys(), "2.yaml", "key: twin-" + unique + "\nevent_types: [a]\n");

        PluginLoader.Result result = KeyFiles.loadKey(home, Map.of(), "twin-" + unique, KeyIndexTest::compiling);

        assertEquals(List.of("twin-" + unique), result.registeredKeys());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).startsWith("key file \"" + broken + "\":3: colour: unknown field"), result.warnings().get(0));
        assertEquals(good.toString(), KeyRegistry.find("twin-" + unique).orElseThrow().origin());
    }

    @Test
    void aKeyAlreadyRegisteredByAPluginOrBuiltInReadsNoFileAndMakesNoReader() throws IOException {
        Home home = home();
        String key = "plugged-" + unique;
        // what PluginLoader does for a jar's key: registered, with the jar as its origin
        KeyRegistry.register(KeyDefinition.builder(key).eventType("a")
                .nativeSchema(JsonNodeFactory.instance.objectNode()).build().withOrigin("/plugins/p.jar"));
        write(home.keys(), "p.yaml", withTable(key, "nowhere.csv"));
        write(home.keys(), "raw.yaml", withTable("raw", "nowhere.csv"));

        // nor does it make a reader (a stage library, a YAML parser) it would not use
        Supplier<KeyFileReader> none = () -> fail("a reader was made for a key already registered");
        PluginLoader.Result plugged = KeyFiles.loadKey(home, Map.of(), key, none);
        PluginLoader.Result raw = KeyFiles.loadKey(home, Map.of("EVBUS_KEY_PATH", dir.resolve("nowhere").toString()), "raw", none);

        assertEquals(new PluginLoader.Result(List.of(), List.of()), plugged);
        assertEquals(new PluginLoader.Result(List.of(), List.of()), raw);
        assertEquals("/plugins/p.jar", KeyRegistry.find(key).orElseThrow().origin());
    }

    @Test
    void anUnknownKeyRegistersNothingAndWarnsOnlyOfTheKeyPath() throws IOException {
        Home home = home();
        write(home.keys(), "a-broken.yaml", "key: broken-" + unique + "\nevent_types: [a\n");

        PluginLoader.Result result = KeyFiles.loadKey(home, Map.of("EVBUS_KEY_PATH", dir.resolve("nowhere").toString()),
                "unknown-" + unique, KeyIndexTest::compiling);

        assertEquals(List.of(), result.registeredKeys());
        assertEquals(List.of("key path entry \"" + dir.resolve("nowhere") + "\" does not exist"), result.warnings());
    }
}
