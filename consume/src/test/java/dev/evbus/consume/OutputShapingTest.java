package dev.evbus.consume;

import dev.evbus.event.ManualTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputShapingTest {

    @Test
    void envelopeCarriesThePayloadBytesUntouchedAndOmitsAMissingId() {
        ByteSink sink = new ByteSink(64);
        byte[] payload = "{\"a\": [1, 2.50, \"x\\u00e9\"]}".getBytes(StandardCharsets.UTF_8);
        Envelope.write(sink, new Message.Event("order.placed", null, "1700000000000", 0, 7, payload));
        assertEquals("{\"event_type\":\"order.placed\",\"source_time\":\"1700000000000\",\"seq\":7,"
                + "\"payload\":{\"a\": [1, 2.50, \"x\\u00e9\"]}}", new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void envelopeEscapesIdsAndTypes() throws Exception {
        ByteSink sink = new ByteSink(64);
        Envelope.write(sink, new Message.Event("t\"1", "id\n2", "5", 0, 1, "null".getBytes(StandardCharsets.UTF_8)));
        var node = new ObjectMapper().readTree(sink.toByteArray());
        assertEquals("id\n2", node.get("event_id").asText());
        assertEquals("t\"1", node.get("event_type").asText());
    }

    @Test
    void jqYieldsEveryOutputAndABadExpressionIsBadInput() throws Exception {
        JqFilter filter = JqFilter.compile(".payload.items[] | .n", new ManualTime());
        var input = new ObjectMapper().readTree("{\"payload\":{\"items\":[{\"n\":1},{\"n\":2}]}}");
        assertEquals("[1, 2]", filter.apply(input).toString());
        ConsumeFailure failure = assertThrows(ConsumeFailure.class, () -> JqFilter.compile(".payload |||", new ManualTime()));
        assertEquals(2, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("bad --jq expression: "), failure.getMessage());
    }

    @Test
    void outputDirMustBeRelativeAndStayInsideTheWorkingDirectory() {
        assertEquals(2, assertThrows(ConsumeFailure.class, () -> DirectorySink.validate(Path.of("/etc"))).exitCode());
        ConsumeFailure escape = assertThrows(ConsumeFailure.class, () -> DirectorySink.validate(Path.of("a/../../x")));
        assertTrue(escape.getMessage().contains("inside the working directory"), escape.getMessage());
    }

    @Test
    void directorySinkWritesOnePrivateFilePerEventWithUniqueNames(@TempDir Path dir) throws Exception {
        DirectorySink sink = DirectorySink.open(dir.resolve("out"), TimeSource.system());
        byte[] one = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        sink.write(one, 0, one.length);
        sink.write(one, 0, one.length);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir.resolve("out"))) {
            files = listing.sorted().toList();
        }
        assertEquals(2, files.size());
        for (Path file : files) {
            assertTrue(file.getFileName().toString().matches("\\d+-" + ProcessHandle.current().pid() + "-\\d+\\.json"), file.toString());
            assertEquals("{\"n\":1}\n", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void durationsReadLikeGoDurations() {
        assertEquals("0.5s", ExitedLine.formatDuration(Duration.ofMillis(500)));
        assertEquals("2m5s", ExitedLine.formatDuration(Duration.ofSeconds(125)));
        assertEquals("1h0m1s", ExitedLine.formatDuration(Duration.ofSeconds(3601)));
    }

    @Test
    void exitedLineKeepsItsDocumentedText() {
        assertEquals("[event] exited — received 3 event(s) in 1.5s (reason: stdout_closed)",
                ExitedLine.of(3, Duration.ofMillis(1500), StopReason.STDOUT_CLOSED));
    }
}
