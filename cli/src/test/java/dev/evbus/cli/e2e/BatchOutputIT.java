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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code consume --batch N / --batch-window DURATION}: output grouped into JSON arrays, for any key. */
@ExtendWith(EvbusExtension.class)
class BatchOutputIT {

    private static List<String> events(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add("{\"event_type\":\"batch.test\",\"event_id\":\"b" + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        return lines;
    }

    private static List<String> idsOf(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(event -> ids.add(event.path("event_id").asText()));
        return ids;
    }

    @Test
    void batchOfTwoPrintsArraysOfTwoAndTheLastPartialBatchWhenTheStreamEnds(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--batch", "2", "--max-events", "5");
        evbus.publishLines(events(5));
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        List<JsonNode> batches = consumer.stdoutJson();
        assertEquals(3, batches.size(), consumer.describe());
        assertEquals(List.of("b1", "b2"), idsOf(batches.get(0)));
        assertEquals(List.of("b3", "b4"), idsOf(batches.get(1)));
        assertEquals(List.of("b5"), idsOf(batches.get(2)), "the partial batch is flushed at the end of the stream");
        assertTrue(consumer.exitedLine().contains("received 5 event(s)"), consumer.exitedLine());
    }

    @Test
    void aBatchWindowPrintsWhatArrivedWithoutWaitingForMoreEvents(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--batch-window", "300ms");
        evbus.publishLines(events(3));
        consumer.awaitStdoutContaining("\"b3\"");
        assertTrue(consumer.isAlive(), "the window closed the batch while the consumer runs on");
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        List<String> ids = new ArrayList<>();
        for (JsonNode batch : consumer.stdoutJson()) {
            assertTrue(batch.isArray() && !batch.isEmpty(), "every line is a non-empty array: " + batch);
            ids.addAll(idsOf(batch));
        }
        assertEquals(List.of("b1", "b2", "b3"), ids, consumer.describe());
    }

    @Test
    void withAnOutputDirectoryEachBatchIsOneFile(Evbus evbus) throws IOException {
        EvbusProcess consumer = evbus.consumeReady("raw", "--batch", "2", "--output-dir", "batches", "--max-events", "4");
        evbus.publishLines(events(4));
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        Path dir = evbus.workDir().resolve("batches");
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.sorted().toList()) {
                files.add(Evbus.parse(Files.readString(file)));
            }
        }
        assertEquals(2, files.size(), "two batches, two files");
        List<String> ids = new ArrayList<>();
        files.forEach(batch -> ids.addAll(idsOf(batch)));
        assertEquals(List.of("b1", "b2", "b3", "b4"), ids.stream().sorted().toList());
        files.forEach(batch -> assertEquals(2, batch.size(), batch.toString()));
    }

    @Test
    void aNegativeBatchSizeIsRefusedAsBadInput(Evbus evbus) {
        CommandResult result = evbus.run("consume", "raw", "--batch", "-1");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().stream().anyMatch(line -> line.contains("--batch")), result.toString());
    }
}
