package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One reader, two ways to report: thrown at the first problem, or every problem collected. */
class FieldReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    private FieldReader<RuntimeException> collecting(String json) throws Exception {
        return new FieldReader<>(JSON.readTree(json),
                (field, index, message) -> problems.add(field + (index < 0 ? "" : "/" + index) + " " + message));
    }

    private static FieldReader<ConfigException> throwing(String json) throws Exception {
        return new FieldReader<>(JSON.readTree(json), (field, index, message) -> {
            throw new ConfigException("x." + field + (index < 0 ? "" : "[" + index + "]") + ": " + message);
        });
    }

    @Test
    void absentAndNullReadAsNotGivenWithoutAProblem() throws Exception {
        FieldReader<RuntimeException> reader = collecting("{\"a\": null}");
        assertEquals(Optional.empty(), reader.text("a"));
        assertEquals(Optional.empty(), reader.wholeNumber("b", 1, 5, ""));
        assertEquals(Optional.empty(), reader.size("a"));
        assertEquals(Optional.empty(), reader.duration("a", "\"2m\""));
        assertEquals(Optional.empty(), reader.list("a", "[\"x\"]"));
        assertEquals(List.of(), reader.strings("a"));
        assertFalse(reader.bool("a"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aCollectingReaderReportsEveryWrongFieldAndReadsItAsNotGiven() throws Exception {
        FieldReader<RuntimeException> reader = collecting(
                "{\"s\": 3, \"n\": 9, \"b\": \"yes\", \"l\": [\"ok\", 2, true], \"o\": [], \"e\": \" \"}");
        assertEquals(Optional.empty(), reader.text("s"));
        assertEquals(Optional.empty(), reader.wholeNumber("n", 1, 5, " (default 1)"));
        assertFalse(reader.bool("b"));
        assertEquals(List.of("ok"), reader.strings("l"));
        assertEquals(Optional.empty(), reader.object("o"));
        assertEquals(Optional.empty(), reader.nonEmptyText("e", "\"host-a\""));
        assertEquals(List.of(
                "s must be a string, not 3",
                "n must be a whole number from 1 to 5 (default 1), not 9",
                "b must be true or false, not \"yes\"",
                "l/1 must be a string, not 2",
                "l/2 must be a string, not true",
                "o must be an object, not []",
                "e must be a non-empty string, such as \"host-a\""), problems);
    }

    @Test
    void aThrowingReaderStopsAtTheFirstProblemWithTheReportersWording() throws Exception {
        ConfigException list = assertThrows(ConfigException.class,
                () -> throwing("{\"servers\": [\"a\", \"\"]}").list("servers", "[\"nats://h:4222\"]"));
        assertEquals("x.servers[1]: must be a non-empty string, such as [\"nats://h:4222\"]", list.getMessage());
        ConfigException size = assertThrows(ConfigException.class, () -> throwing("{\"max\": \"lots\"}").size("max"));
        assertEquals("x.max: not a size: \"lots\" (examples: 64MiB, 512KiB, 1GiB, 100MB)", size.getMessage());
        ConfigException duration = assertThrows(ConfigException.class,
                () -> throwing("{\"wait\": \"soon\"}").duration("wait", "\"2m\""));
        assertEquals("x.wait: not a duration: \"soon\" (examples: 500ms, 30s, 5m, 1h30m, 7d)", duration.getMessage());
        ConfigException notList = assertThrows(ConfigException.class,
                () -> throwing("{\"servers\": \"a\"}").list("servers", "[\"nats://h:4222\"]"));
        assertEquals("x.servers: must be a list, such as [\"nats://h:4222\"]", notList.getMessage());
    }

    @Test
    void wellFormedFieldsReadAsTheirTypes() throws Exception {
        FieldReader<RuntimeException> reader = collecting(
                "{\"n\": 3, \"size\": \"2MiB\", \"wait\": \"1m30s\", \"one\": \"a\", \"l\": [\"a\", \"b\"], \"b\": true}");
        assertEquals(Optional.of(3), reader.wholeNumber("n", 1, 5, ""));
        assertEquals(Optional.of(2L << 20), reader.size("size"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), reader.duration("wait", "\"2m\""));
        assertEquals(List.of("a"), reader.strings("one"));
        assertEquals(Optional.of(List.of("a", "b")), reader.list("l", "[\"a\"]"));
        assertTrue(reader.bool("b"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aNumberThatIsNotWholeOrDoesNotFitAnIntIsReported() throws Exception {
        FieldReader<RuntimeException> reader = collecting("{\"f\": 2.0, \"big\": 4294967296}");
        assertEquals(Optional.empty(), reader.wholeNumber("f", 0, 10, ""));
        assertEquals(Optional.empty(), reader.wholeNumber("big", 0, Integer.MAX_VALUE, ""));
        assertEquals(List.of("f must be a whole number from 0 to 10, not 2.0",
                "big must be a whole number from 0 to 2147483647, not 4294967296"), problems);
    }

    @Test
    void presentGivesTheValueAsWritten() throws Exception {
        JsonNode value = collecting("{\"a\": {\"b\": 1}}").present("a").orElseThrow();
        assertEquals(1, value.path("b").asInt());
    }
}
