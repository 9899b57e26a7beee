package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command touches only the keys it names: other key files, broken or naming tables that must
 * not be read, cost {@code consume raw}, {@code publish}, {@code status} and {@code stop} nothing,
 * and {@code list} shows every key without opening a table.
 *
 * <p>"Not opened" is proven, not timed: one table is a named pipe with no writer, which a reader
 * would wait on for ever (the command would never finish), and another is a CSV whose contents
 * loading refuses with a warning (a key given twice), so loading it would print one.
 */
@ExtendWith(EvbusExtension.class)
class KeyIsolationIT {
    private static final String BROKEN_WARNING = "evbus: warning: key file \"%s\":2: event_types[0]: not valid YAML: "
            + "expected ',' or ']', but got <stream end> (while parsing a flow sequence)";

    /** The installed key files by key (raw's is a file trying to shadow the built-in one). */
    private final Map<String, Path> files = new LinkedHashMap<>();
    private Path broken;
    private Path pipe;

    private void install(Evbus evbus) throws IOException, InterruptedException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        broken = Files.writeString(keys.resolve("a-broken.yaml"), "key: broken\nevent_types: [a\n");
        pipe = keys.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        files.put("geo.pipe", Files.writeString(keys.resolve("b-pipe.yaml"), """
                key: geo.pipe
                description: Looks addresses up in a table no one may open
                event_types: [log.*]
                params:
                  - {name: min, type: int, default: 3, description: the smallest level kept}
                stages:
                  - lookup: {field: ip, table: pipe.csv}
                """));
        Files.writeString(keys.resolve("dup.csv"), "ip,city\nx,a\nx,b\n");
        files.put("dup.table", Files.writeString(keys.resolve("c-dup.yaml"), """
                key: dup.table
                event_types: [log.*]
                stages:
                  - lookup: {field: ip, table: dup.csv}
                """));
        files.put("orders", Files.writeString(keys.resolve("d-orders.yaml"), "key: orders\nevent_types: [order.placed]\n"));
        files.put("raw", Files.writeString(keys.resolve("e-raw.yaml"), "key: raw\nevent_types: ['*']\n"));
        // a key path entry that is not there: warned about by a command that reads the key files
        evbus.env("EVBUS_KEY_PATH", evbus.base().resolve("nowhere").toString());
    }

    private static void assertNoWarning(CommandResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().stream().noneMatch(line -> line.contains("warning")), result.toString());
    }

    @Test
    void consumeRawPublishStatusAndStopReadNoKeyFileAndWarnOfNone(Evbus evbus) throws Exception {
        install(evbus);

        EvbusProcess consumer = evbus.consumeReady("raw", "--max-events", "1");
        CommandResult publish = evbus.run("publish", "order.placed", "--id", "o-1", "--data", "{\"total\":3}");
        assertNoWarning(publish);
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("o-1"), consumer.eventIds(), consumer.describe());
        assertEquals(2, consumer.stderr().size(), consumer.describe()); // the ready and exited lines, no warning
        assertEquals("[event] ready event_key=raw", consumer.stderr().get(0), consumer.describe());

        assertNoWarning(evbus.run("status"));
        assertNoWarning(evbus.run("stop"));
    }

    @Test
    void listShowsEveryKeyAndItsOriginWithoutOpeningATableAndWarnsOfTheFilesItReads(Evbus evbus) throws Exception {
        install(evbus);

        CommandResult list = evbus.run("list");
        assertEquals(0, list.exitCode(), list.toString());
        // as before: the key path, then each file's problems in load order
        assertEquals(List.of("evbus: warning: key path entry \"" + evbus.base().resolve("nowhere") + "\" does not exist",
                BROKEN_WARNING.formatted(broken),
                "evbus: warning: key file \"" + files.get("raw") + "\": key \"raw\" is already defined by \"built-in\"; this file is ignored"),
                list.stderr());
        for (String key : List.of("geo.pipe", "dup.table", "orders")) {
            int at = list.stdout().indexOf(list.stdout().stream().filter(line -> line.startsWith(key + "  ")).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " not listed\n" + list)));
            assertTrue(list.stdout().subList(at, at + 3).contains("    from: " + files.get(key)), list.toString());
        }
        assertTrue(list.stdout().contains("    from: built-in"), list.toString());
        assertTrue(list.stdout().contains("    -p min=int (default 3)  the smallest level kept"), list.toString());

        Map<String, String> origins = new LinkedHashMap<>();
        Evbus.parse(evbus.run("list", "--json").stdoutText()).forEach(key -> origins.put(key.path("key").asText(),
                key.path("origin").asText()));
        assertEquals(Map.of("dup.table", files.get("dup.table").toString(), "geo.pipe", files.get("geo.pipe").toString(),
                "orders", files.get("orders").toString(), "raw", "built-in"), origins);
    }

    @Test
    void consumeKeyReadsOnlyTheFileDefiningItAndLoadsItsTable(Evbus evbus) throws Exception {
        install(evbus);

        EvbusProcess orders = evbus.consumeReady("orders", "--max-events", "1");
        evbus.publish("order.placed", "o-1", "{\"total\":3}");
        assertEquals(0, orders.awaitExit(), orders.describe());
        assertEquals(List.of("{\"total\":3}"), orders.stdout());
        // only the key path (which every key file lookup lists) is warned of: not the broken file, nor raw's shadow
        assertEquals(List.of("evbus: warning: key path entry \"" + evbus.base().resolve("nowhere") + "\" does not exist",
                "[event] ready event_key=orders"), orders.stderr().subList(0, 2), orders.describe());

        // its own table is loaded, as before: the duplicate key is found, and the key is refused
        CommandResult dup = evbus.run("consume", "dup.table", "--timeout", "1s");
        assertEquals(2, dup.exitCode(), dup.toString());
        assertEquals(List.of("evbus: warning: key path entry \"" + evbus.base().resolve("nowhere") + "\" does not exist",
                "evbus: warning: key file \"" + files.get("dup.table") + "\":4: stages[0].lookup.table: "
                        + files.get("dup.table").resolveSibling("dup.csv") + ": line 3: key \"x\" again (first at line 2); each value may have one row",
                "evbus: unknown event key \"dup.table\" (run `evbus list` to see the keys)"), dup.stderr());
    }

    @Test
    void keysCheckAndSchemaCheckTablesAreThereWithoutReadingThem(Evbus evbus) throws Exception {
        install(evbus);

        CommandResult check = evbus.run("keys", "check", files.get("dup.table").toString(), files.get("geo.pipe").toString());
        assertEquals(2, check.exitCode(), check.toString());
        assertEquals(List.of(files.get("dup.table") + ": ok (key dup.table, 1 stage)"), check.stdout());
        assertEquals(List.of(files.get("geo.pipe") + ":7: stages[0].lookup.table: " + pipe + ": not a regular file"), check.stderr());

        CommandResult schema = evbus.run("schema", "dup.table", "--json");
        assertEquals(0, schema.exitCode(), schema.toString());
        JsonNode printed = Evbus.parse(schema.stdoutText());
        assertEquals("dup.table", printed.path("key").asText(), schema.toString());
        assertEquals(List.of("evbus: warning: key path entry \"" + evbus.base().resolve("nowhere") + "\" does not exist"),
                schema.stderr());
    }
}
