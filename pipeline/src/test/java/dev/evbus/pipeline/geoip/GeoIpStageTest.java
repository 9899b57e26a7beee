package dev.evbus.pipeline.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.geoip2.DatabaseReader;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoIpStageTest {
    private static final Path DB = TestDatabase.path();

    private StageHarness compiled(String options) throws Exception {
        return new StageHarness(DB.getParent()).compile("[{\"geoip\":{\"field\":\"ip\",\"database\":\"GeoLite2-City-Test.mmdb\"" + options + "}}]");
    }

    @Test
    void appendsCountryAndCityAfterTheEventsFieldsForKnownAddresses() throws Exception {
        StageHarness harness = compiled("");
        for (String ip : List.of("81.2.69.142", "2.125.160.216", "89.160.20.112", "175.16.199.1", "216.160.83.56")) {
            harness.send("log.line", "{\"ip\":\"" + ip + "\",\"level\":\"info\"}");
        }
        assertEquals(List.of(
                "{\"ip\":\"81.2.69.142\",\"level\":\"info\",\"country\":\"GB\",\"city\":\"London\"}",
                "{\"ip\":\"2.125.160.216\",\"level\":\"info\",\"country\":\"GB\",\"city\":\"Boxford\"}",
                "{\"ip\":\"89.160.20.112\",\"level\":\"info\",\"country\":\"SE\",\"city\":\"Linköping\"}",
                "{\"ip\":\"175.16.199.1\",\"level\":\"info\",\"country\":\"CN\",\"city\":\"Changchun\"}",
                "{\"ip\":\"216.160.83.56\",\"level\":\"info\",\"country\":\"US\",\"city\":\"Milton\"}"), harness.lines());
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void anAddressNotInTheDatabaseGetsTheDefaultsAndIsNoFailure() throws Exception {
        StageHarness harness = compiled(",\"default\":{\"country\":\"unknown\"}");
        harness.send("log.line", "{\"ip\":\"192.0.2.10\"}");
        assertEquals(List.of("{\"ip\":\"192.0.2.10\",\"country\":\"unknown\",\"city\":null}"), harness.lines());
        assertEquals(0, harness.counters().failed());
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void writesTheChosenFieldsInTheirOrderUnderIntoWithNamesInTheLocale() throws Exception {
        StageHarness harness = compiled(",\"into\":\"geo.where\",\"locale\":\"de\",\"fields\":[\"time_zone\",\"country_name\","
                + "\"continent\",\"subdivision\",\"postal_code\",\"latitude\",\"longitude\",\"accuracy_radius\",\"city\"]");
        harness.send("t", "{\"ip\":\"2.125.160.216\",\"geo\":{\"asn\":1}}");
        assertEquals(List.of("{\"ip\":\"2.125.160.216\",\"geo\":{\"asn\":1,\"where\":{\"time_zone\":\"Europe/London\","
                + "\"country_name\":\"Vereinigtes Königreich\",\"continent\":\"EU\",\"subdivision\":\"West Berkshire\","
                + "\"postal_code\":\"OX1\",\"latitude\":51.75,\"longitude\":-1.25,\"accuracy_radius\":100,\"city\":\"Boxford\"}}}"),
                harness.lines());
    }

    @Test
    void looksUpIpv6AddressesAndLeavesTheInputUnchanged() throws Exception {
        StageHarness harness = compiled("");
        harness.send("t", "{\"ip\":\"2001:218::1\"}");
        assertEquals(List.of("{\"ip\":\"2001:218::1\",\"country\":\"JP\",\"city\":null}"), harness.lines());
    }

    @Test
    void aFieldThatIsNotAnIpAddressFailsThatEventWithAWarning() throws Exception {
        StageHarness harness = compiled("");
        harness.send("t", "{\"ip\":\"localhost\"}");
        harness.send("t", "{\"ip\":\"999.1.1.1\"}");
        harness.send("t", "{\"ip\":42}");
        harness.send("t", "{\"level\":\"info\"}");
        harness.send("t", "{\"ip\":\"81.2.69.142\"}");
        assertEquals(1, harness.output.size());
        assertEquals(4, harness.counters().failed());
        assertEquals(List.of(
                "/stages/0/geoip failed: field \"ip\" is \"localhost\", not an IP address",
                "/stages/0/geoip failed: field \"ip\" is \"999.1.1.1\", not an IP address",
                "/stages/0/geoip failed: field \"ip\" is a number, expected an IP address string",
                "/stages/0/geoip failed: field \"ip\" is missing"), harness.warnings);
    }

    @Test
    void theDatabaseIsOpenedOnceAndSharedThroughTheProcessFiles() throws Exception {
        LoadedFiles files = new LoadedFiles();
        String stages = "[{\"geoip\":{\"field\":\"ip\",\"database\":\"GeoLite2-City-Test.mmdb\"}}]";
        new StageHarness(DB.getParent(), files).compile(stages);
        new StageHarness(DB.getParent(), files).compile(stages);
        DatabaseReader shared = files.get(DB, DatabaseReader.class, path -> {
            throw new AssertionError("opened again");
        }).orElseThrow();
        assertNotNull(shared);
        assertSame(shared, files.get(DB, DatabaseReader.class, path -> null).orElseThrow());
    }

    @Test
    void aDatabaseNamedThroughAParamResolvesAgainstTheWorkingDirectory() throws Exception {
        Path relative = Path.of(System.getProperty("user.dir")).toAbsolutePath().relativize(DB);
        StageHarness harness = new StageHarness(Path.of("/nonexistent-key-dir"))
                .param("db", relative.toString())
                .compile("[{\"geoip\":{\"field\":\"ip\",\"database\":\"${db}\"}}]");
        harness.send("t", "{\"ip\":\"81.2.69.142\"}");
        assertEquals(List.of("{\"ip\":\"81.2.69.142\",\"country\":\"GB\",\"city\":\"London\"}"), harness.lines());
    }

    @Test
    void aDatabaseNamedByAParamWithNoValueYetCompilesForChecksAndFailsEventsInstead(@TempDir Path dir) throws Exception {
        StageHarness harness = new StageHarness(dir).param("db", null)
                .compile("[{\"geoip\":{\"field\":\"ip\",\"database\":\"${db}\"}}]");
        harness.send("t", "{\"ip\":\"81.2.69.142\"}");
        assertEquals(List.of(), harness.lines());
        assertEquals(1, harness.counters().failed());
    }

    @Test
    void aMissingDatabaseIsAProblemAtCompileTime(@TempDir Path dir) {
        List<Problem> problems = new StageHarness(dir).problems("[{\"geoip\":{\"field\":\"ip\",\"database\":\"GeoLite2-City.mmdb\"}}]");
        assertEquals(1, problems.size());
        assertEquals("/stages/0/geoip/database", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("no such file: " + dir.resolve("GeoLite2-City.mmdb")), problems.toString());
    }

    @Test
    void aFileThatIsNotAMaxMindDatabaseIsAProblemAtCompileTime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("geo.mmdb"), "ip,country\n1.2.3.4,DE\n");
        List<Problem> problems = new StageHarness(dir).problems("[{\"geoip\":{\"field\":\"ip\",\"database\":\"geo.mmdb\"}}]");
        assertEquals(1, problems.size());
        assertEquals("/stages/0/geoip/database", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("cannot use " + dir.resolve("geo.mmdb") + " as a MaxMind DB: "),
                problems.toString());
    }

    @Test
    void aDatabaseThatIsNotACityDatabaseIsAProblemAtCompileTime(@TempDir Path dir) throws Exception {
        // The test database with its type renamed in place (same length, so the file stays valid).
        byte[] bytes = Files.readAllBytes(DB);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("GeoLite2-City");
        assertEquals(-1, text.indexOf("GeoLite2-City", at + 1));
        byte[] renamed = "GeoLite2-ASNs".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(renamed, 0, bytes, at, renamed.length);
        Files.write(dir.resolve("asn.mmdb"), bytes);

        List<Problem> problems = new StageHarness(dir).problems("[{\"geoip\":{\"field\":\"ip\",\"database\":\"asn.mmdb\"}}]");
        assertEquals(List.of(new Problem("/stages/0/geoip/database", "cannot use " + dir.resolve("asn.mmdb")
                + " as a MaxMind DB: it is a \"GeoLite2-ASNs\" database; the geoip stage needs a City database"
                + " (GeoLite2-City or GeoIP2-City)")), problems);
    }

    @Test
    void unknownFieldsDefaultsAndOptionsAreProblems() {
        List<Problem> problems = new StageHarness(DB.getParent()).problems("[{\"geoip\":{\"field\":\"ip\","
                + "\"database\":\"GeoLite2-City-Test.mmdb\",\"fields\":[\"country\",\"planet\"],\"default\":{\"city\":\"?\"},"
                + "\"local\":\"de\"}}]");
        assertEquals(List.of(
                new Problem("/stages/0/geoip/fields", "unknown geoip field \"planet\" (fields: country, country_name, city,"
                        + " continent, subdivision, postal_code, latitude, longitude, time_zone, accuracy_radius)"),
                new Problem("/stages/0/geoip/default", "names \"city\", which is not one of the fields this stage appends"
                        + " [country, planet]"),
                new Problem("/stages/0/geoip/local", "unknown option")), problems);
    }

    @Test
    void fieldAndDatabaseAreRequired() {
        List<Problem> problems = new StageHarness(DB.getParent()).problems("[{\"geoip\":{}}]");
        assertEquals(List.of(new Problem("/stages/0/geoip/field", "is required"),
                new Problem("/stages/0/geoip/database", "is required")), problems);
    }
}
