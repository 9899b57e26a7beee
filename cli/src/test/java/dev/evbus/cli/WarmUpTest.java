package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON warm-up starts for the lines that reach Jackson's JDK classes and for no other, and the
 * lines that do not really initialise no Jackson parser: {@code publish} to check {@code --data},
 * {@code list} to read YAML key files.
 */
class WarmUpTest {

    @Test
    void onlyAJqExpressionThatJacksonJqCompilesWarmsUpAtStartAndEveryOtherLineNothing() {
        assertEquals(WarmUp.JsonTask.PARSERS_AND_MAPPERS, task("consume raw --jq .payload|keys"));
        assertEquals(WarmUp.JsonTask.PARSERS_AND_MAPPERS, task("consume log.alerts --jq .payload.n>1"));
        for (String line : List.of("consume raw --jq .payload", "consume log.alerts --jq .payload.alert", "consume log.alerts",
                "consume log.alerts -p threshold=3 --timeout 5s", "list", "--app a list --names", "consume raw",
                "consume raw -p type=a.* --since 5m", "publish t --data {}", "publish --stdin", "status", "stop --all", "--version")) {
            assertNull(task(line), line);
        }
        assertNull(WarmUp.jsonTask(null), "a line left to picocli");
    }

    @Test
    void aKeyWhoseExpressionsAreFieldChainsStartsWithoutJacksonJqOrAnObjectMapper(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), jqAndMappersOfADryRun(dir, ".payload.alert"));
        // the check sees them where they are used: any other jq is compiled by jackson-jq
        assertTrue(jqAndMappersOfADryRun(dir, ".payload.alert and .payload.level > 3").contains("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void aKeyOfFieldChainsReadsAndWritesItsEventsWithoutAnObjectMapper(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("copy.yaml"),
                "key: log.copy\nevent_types: [log.line]\nstages:\n  - set: {fields: {copy: .level}}\n");
        Path events = Files.writeString(dir.resolve("events.ndjson"), "{\"event_type\":\"log.line\",\"payload\":{\"level\":\"error\","
                + "\"n\":1.5e3,\"big\":18446744073709551617,\"s\":\"\\u00e9 \\ud83d\\ude00 é\",\"a\":[true,null,-0.0]}}\n");
        assertEquals(List.of(), jqAndMappers(LoadedClasses.initialised(dir, 0, Main.class.getName(), "keys", "test", key.toString(),
                "--input", events.toString())));
        // the check sees them where they are used: a member name the scanner is not certain of goes to the mapper
        Files.writeString(events, "{\"event_type\":\"log.line\",\"payload\":{\"\\ud83d\\ude00\":1}}\n");
        assertTrue(LoadedClasses.initialised(dir, 0, Main.class.getName(), "keys", "test", key.toString(), "--input", events.toString())
                .contains("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    /** What of jackson-jq and the mappers {@code consume --dry-run} of a key filtering on {@code filter} initialises. */
    private static List<String> jqAndMappersOfADryRun(Path dir, String filter) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("home/keys"));
        Files.writeString(keys.resolve("alerts.yaml"), "key: log.alerts\nevent_types: [log.line]\nstages:\n  - filter: " + filter + "\n");
        return jqAndMappers(LoadedClasses.initialised(dir, 0, Main.class.getName(), "consume", "log.alerts", "--dry-run"));
    }

    private static List<String> jqAndMappers(List<String> initialised) {
        return initialised.stream()
                .filter(name -> name.startsWith("net.thisptr.jackson.jq.") || name.equals("com.fasterxml.jackson.databind.ObjectMapper")
                        || name.equals("java.text.SimpleDateFormat"))
                .toList();
    }

    @Test
    void checkingAnEventsDataInitialisesNoJacksonParser(@TempDir Path dir) throws Exception {
        // No bus runs there: the event is checked, then refused for want of a bus (exit 2).
        List<String> initialised = LoadedClasses.initialised(dir, ExitCodes.BAD_INPUT, Main.class.getName(),
                "publish", "t.one", "--data", " {\"n\":[1,2.5e3,\"x\\u00e9\"],\"ok\":true,\"z\":null}\n");
        assertEquals(List.of(), parsersAndBigDecimal(initialised));
        // the check sees them where they are used: data the validator is not certain of goes to Jackson
        assertTrue(LoadedClasses.initialised(dir, ExitCodes.BAD_INPUT, Main.class.getName(), "publish", "t.one", "--data", "{]")
                .contains("java.math.BigDecimal"));
    }

    @Test
    void listingYamlKeyFilesInitialisesNoJacksonParserAndAJsonKeyFileDoes(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("home/keys"));
        Files.writeString(keys.resolve("alerts.yaml"), """
                key: log.alerts
                event_types: [log.line]
                params:
                  - {name: threshold, type: int, default: 7}
                stages:
                  - filter: '.payload.level >= 0x7 and .payload.score > 1.5'
                """);
        assertEquals(List.of(), parsersAndBigDecimal(LoadedClasses.initialised(dir, 0, Main.class.getName(), "list")));
        // the check sees them where they are used: a JSON key file is read by Jackson's parser
        Files.writeString(keys.resolve("orders.json"), "{\"key\": \"orders\", \"event_types\": [\"order.placed\"]}");
        assertTrue(LoadedClasses.initialised(dir, 0, Main.class.getName(), "list").contains("java.math.BigDecimal"));
    }

    private static List<String> parsersAndBigDecimal(List<String> initialised) {
        return initialised.stream()
                .filter(name -> name.startsWith("com.fasterxml.jackson.core.base.Parser") || name.equals("java.math.BigDecimal"))
                .toList();
    }

    private static WarmUp.JsonTask task(String line) {
        return WarmUp.jsonTask(FastArgs.parse(FastArgsTest.words(line).toArray(String[]::new)));
    }
}
