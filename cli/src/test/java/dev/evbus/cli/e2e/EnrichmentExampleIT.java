package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/enrichment installed as the README says, then consumed through bin/evbus: the SPEC's
 * enrichment → severity → alert pipeline, byte for byte, and its geoip variant on MaxMind's test DB.
 */
@ExtendWith(EvbusExtension.class)
class EnrichmentExampleIT {
    static final String INSTALL = "mkdir -p \"$EVBUS_HOME/keys\" && cp %1$s/examples/enrichment/*.yaml"
            + " %1$s/examples/enrichment/geo.csv \"$EVBUS_HOME/keys/\"";

    static void install(Evbus evbus, String script) {
        EvbusProcess install = evbus.shell(String.format(script, evbus.root()));
        assertEquals(0, install.awaitExit(), install.describe());
    }

    private static Path testDatabase(Evbus evbus) {
        Path db = evbus.root().resolve("../shared/data/GeoLite2-City-Test.mmdb").normalize();
        assertTrue(Files.isRegularFile(db), "the shared MaxMind test database is missing: " + db);
        return db;
    }

    @Test
    void logAlertsPrintsExactlyTheTwoAlertLinesAndCountsTheThreeFilteredEvents(Evbus evbus) {
        install(evbus, INSTALL);
        EvbusProcess consumer = evbus.consumeReady("log.alerts", "--max-events", "2");
        EvbusProcess publish = evbus.shell("evbus() { " + evbus.launcher() + " \"$@\"; }; evbus publish --stdin < "
                + evbus.root().resolve("examples/enrichment/events.ndjson"));
        assertEquals(0, publish.awaitExit(), publish.describe());
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        assertEquals(List.of(
                "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\",\"country\":\"AU\",\"city\":\"Sydney\",\"severity\":9,\"alert\":true}",
                "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\",\"country\":\"US\",\"city\":\"Chicago\",\"severity\":10,\"alert\":true}"),
                consumer.stdout());
        assertTrue(consumer.exitedLine().contains("received 2 event(s)"), consumer.exitedLine());
        assertTrue(consumer.exitedLine().contains("filtered 3"), consumer.exitedLine());
    }

    @Test
    void theThresholdParamDecidesWhatIsAnAlert(Evbus evbus) {
        install(evbus, INSTALL);
        EvbusProcess consumer = evbus.consumeReady("log.alerts", "-p", "threshold=5", "--max-events", "3");
        evbus.publishLines(readLines(evbus.root().resolve("examples/enrichment/events.ndjson")));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("198.51.100.42", "203.0.113.5", "198.51.100.1"),
                consumer.stdoutJson().stream().map(line -> line.path("ip").asText()).toList());
        assertTrue(consumer.exitedLine().contains("filtered 2"), consumer.exitedLine());
    }

    @Test
    void theGeoipVariantLocatesAddressesThroughTheMaxMindDatabaseGivenAsAParam(Evbus evbus) {
        install(evbus, INSTALL);
        EvbusProcess consumer = evbus.consumeReady("log.alerts.geoip", "-p", "geoip_db=" + testDatabase(evbus),
                "--max-events", "2");
        evbus.publishLines(List.of(
                "{\"event_type\":\"log.line\",\"payload\":{\"ip\":\"81.2.69.142\",\"level\":\"critical\",\"message\":\"a\"}}",
                "{\"event_type\":\"log.line\",\"payload\":{\"ip\":\"89.160.20.112\",\"level\":\"info\",\"message\":\"b\"}}",
                "{\"event_type\":\"log.line\",\"payload\":{\"ip\":\"192.0.2.10\",\"level\":\"error\",\"message\":\"c\"}}"));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of(
                "{\"ip\":\"81.2.69.142\",\"level\":\"critical\",\"message\":\"a\",\"country\":\"GB\",\"city\":\"London\",\"severity\":10,\"alert\":true}",
                "{\"ip\":\"192.0.2.10\",\"level\":\"error\",\"message\":\"c\",\"country\":\"unknown\",\"city\":\"unknown\",\"severity\":9,\"alert\":true}"),
                consumer.stdout(), consumer.describe());
        assertTrue(consumer.exitedLine().contains("filtered 1"), consumer.exitedLine());
    }

    @Test
    void aMissingDatabaseIsRefusedBeforeSubscribingWithTheFieldThatNamesIt(Evbus evbus) {
        install(evbus, INSTALL);
        CommandResult result = evbus.run("consume", "log.alerts.geoip", "-p", "geoip_db=/nonexistent/City.mmdb");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().stream().anyMatch(line -> line.contains("database")), result.toString());
        assertTrue(evbus.pidFromFile().isEmpty(), "nothing was started for a consume that could not run");
    }

    static List<String> readLines(Path file) {
        return Evbus.readLines(file).stream().filter(line -> !line.isBlank()).toList();
    }
}
