package dev.evbus.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesConfigTest {
    private static final Path FILE = Path.of("apps/shop.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sections each kind was asked to plan, with the field it was told. */
    private final List<String> planned = new ArrayList<>();
    private final Map<String, SourceFactory> kinds = new LinkedHashMap<>();

    SourcesConfigTest() {
        for (String kind : List.of("http", "file")) {
            kinds.put(kind, (section, field, file) -> {
                if (section.has("listen") && !section.get("listen").isTextual()) {
                    throw new ConfigException(file + ": " + field + ".listen: must be a string");
                }
                planned.add(field + "=" + section);
                return context -> FakeSource.working(context.name());
            });
        }
    }

    private SourcesConfig read(String sourcesJson) throws Exception {
        return SourcesConfig.read(FILE, JSON.readTree(sourcesJson), kinds);
    }

    @Test
    void plansEveryConfiguredKindInTheFilesOrderNamedByItsKind() throws Exception {
        SourcesConfig config = read("{\"file\": {\"path\": \"/tmp/e.ndjson\"}, \"http\": {\"listen\": \"127.0.0.1:0\"}}");
        assertEquals(List.of("file", "http"), config.plans().stream().map(SourcesConfig.Planned::name).toList());
        assertEquals(List.of("file", "http"), config.plans().stream().map(SourcesConfig.Planned::kind).toList());
        assertEquals(List.of("sources.file={\"path\":\"/tmp/e.ndjson\"}", "sources.http={\"listen\":\"127.0.0.1:0\"}"), planned);
    }

    @Test
    void noSectionNullSectionAndNullKindsConfigureNothing() throws Exception {
        assertTrue(SourcesConfig.read(FILE, null, kinds).isEmpty());
        assertTrue(read("null").isEmpty());
        assertTrue(read("{}").isEmpty());
        assertTrue(read("{\"http\": null}").isEmpty());
    }

    @Test
    void anUnknownKindIsAnErrorNamingFileFieldAndTheKnownKinds() {
        ConfigException bad = assertThrows(ConfigException.class, () -> read("{\"ftp\": {}}"));
        assertEquals("apps/shop.json: sources.ftp: unknown source kind (known: file, http)", bad.getMessage());
    }

    @Test
    void anUnknownKindWithControlCharactersIsQuotedInTheMessage() {
        ConfigException bad = assertThrows(ConfigException.class, () -> read("{\"x\\nINFO forged\": {}}"));
        assertEquals("apps/shop.json: sources[\"x\\nINFO forged\"]: unknown source kind (known: file, http)",
                bad.getMessage());
    }

    @Test
    void aBuildWithoutSourceKindsSaysSo() {
        ConfigException bad = assertThrows(ConfigException.class,
                () -> SourcesConfig.read(FILE, JSON.readTree("{\"http\": {}}"), Map.of()));
        assertEquals("apps/shop.json: sources.http: unknown source kind (known: none in this build)", bad.getMessage());
    }

    @Test
    void sourcesMustBeAnObject() {
        ConfigException bad = assertThrows(ConfigException.class, () -> read("[\"http\"]"));
        assertTrue(bad.getMessage().startsWith("apps/shop.json: sources must be an object"), bad.getMessage());
    }

    @Test
    void aKindsOptionsMustBeAnObject() {
        ConfigException bad = assertThrows(ConfigException.class, () -> read("{\"http\": \"127.0.0.1:0\"}"));
        assertEquals("apps/shop.json: sources.http must be an object of options, e.g. {}", bad.getMessage());
    }

    @Test
    void aKindsOwnProblemReachesTheCallerAsItsFactoryWordedIt() {
        ConfigException bad = assertThrows(ConfigException.class, () -> read("{\"http\": {\"listen\": 80}}"));
        assertEquals("apps/shop.json: sources.http.listen: must be a string", bad.getMessage());
    }

    @Test
    void loadReadsTheSectionFromTheAppsFileAndAnAbsentFileConfiguresNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.json");
        assertTrue(SourcesConfig.load(file, kinds).isEmpty());
        Files.writeString(file, "{\"retention\": {}, \"sources\": {\"http\": {}}}");
        assertEquals(1, SourcesConfig.load(file, kinds).plans().size());
        Files.writeString(file, "{\"sources\": ");
        ConfigException bad = assertThrows(ConfigException.class, () -> SourcesConfig.load(file, kinds));
        assertEquals(file + ":1:13: not valid JSON: Unexpected end-of-input within/between Object entries", bad.getMessage());
    }

    @Test
    void watchersCombineWhatEachPlanWatchesAndAreNoneWhenNoPlanWatches() throws Exception {
        assertSame(AcceptedEvents.NONE, read("{\"http\": {}}").watchers());
        List<String> seen = new ArrayList<>();
        Map<String, SourceFactory> watching = Map.of("a", watcher("a", seen), "b", watcher("b", seen));
        JsonNode section = JSON.readTree("{\"a\": {}, \"b\": {}}");
        SourcesConfig.read(FILE, section, watching).watchers().accepted("order.created", new byte[0], 7);
        assertEquals(List.of("a order.created 7", "b order.created 7"), seen);
    }

    private static SourceFactory watcher(String name, List<String> seen) {
        return (section, field, file) -> new SourceFactory.Plan() {
            @Override
            public Source build(SourceFactory.Context context) {
                return FakeSource.working(name);
            }

            @Override
            public AcceptedEvents watches() {
                return (type, payload, at) -> seen.add(name + " " + type + " " + at);
            }
        };
    }
}
