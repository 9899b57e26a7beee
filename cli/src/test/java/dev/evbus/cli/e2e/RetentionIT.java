package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bus keeps a bounded log: bursts reach slow consumers whole, huge events cannot sink the bus, and status shows the log. */
@ExtendWith(EvbusExtension.class)
class RetentionIT {
    private static final int BURST = 20_000;
    private static final int BIG_EVENTS = 100;
    private static final int BIG_PAYLOAD = 1_000_000;

    @Test
    void burstFarFasterThanAFileWritingConsumerReachesItWholeWhileAStoppedConsumerLaterGetsEverything(Evbus evbus) throws IOException {
        EvbusProcess files = evbus.consume("raw", "-p", "type=burst.*", "--output-dir", "out");
        EvbusProcess stopped = evbus.consume("raw", "-p", "type=burst.*");
        files.awaitReady();
        stopped.awaitReady();

        stopped.signal("STOP");
        try {
            // one publish --stdin: the whole burst is accepted long before the consumer has written its files
            CommandResult published = evbus.publishLines(SlowConsumerIT.lines("burst.tick", BURST));
            assertEquals(List.of("accepted=" + BURST + " duplicates=0 rejected=0"), published.stderr());
            Path out = evbus.workDir().resolve("out");
            Poll.until(Poll.PATIENCE, BURST + " files in " + out, () -> eventFiles(out).size() >= BURST, files::describe);
            List<Path> written = eventFiles(out);
            assertEquals(BURST, written.size(), files.describe());
            for (int i = 0; i < BURST; i++) {
                JsonNode event = Evbus.parse(Files.readString(written.get(i), StandardCharsets.UTF_8));
                assertEquals("n" + i, event.path("event_id").asText(), written.get(i) + " holds event " + i);
            }
            assertTrue(files.stderr().stream().noneMatch(line -> line.contains("warning")), files.describe());
        } finally {
            stopped.signal("CONT");
        }

        stopped.awaitStdoutLines(BURST);
        SlowConsumerIT.assertInOrderWithoutGaps(stopped.stdoutJson(), BURST, stopped);
        assertTrue(stopped.stderr().stream().noneMatch(line -> line.contains("warning")), stopped.describe());
        JsonNode consumers = evbus.status().path("consumers");
        assertEquals(2, consumers.size(), consumers.toString());
        consumers.forEach(consumer -> assertEquals(0, consumer.path("dropped").asLong(), consumers.toString()));
    }

    @Test
    void oneMebibyteEventsWhileAConsumerIsStoppedDoNotEndTheBusAndTheConsumerGetsWhatIsRetainedAndAGapWarning(Evbus evbus)
            throws IOException {
        EvbusProcess stopped = evbus.consumeReady("raw", "-p", "type=big.*", "--jq", "{id: .event_id, offset: .offset, seq: .seq}");
        long busPid = evbus.busPid();

        stopped.signal("STOP");
        try {
            EvbusProcess publisher = evbus.start("publish", "--stdin");
            String pad = "x".repeat(BIG_PAYLOAD);
            try (OutputStream in = publisher.stdin()) {
                for (int i = 0; i < BIG_EVENTS; i++) {
                    in.write(("{\"event_type\":\"big.blob\",\"event_id\":\"b" + i + "\",\"payload\":\"" + pad + "\"}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            assertEquals(0, publisher.awaitExit(), publisher.describe());
            assertEquals(List.of("accepted=" + BIG_EVENTS + " duplicates=0 rejected=0"), publisher.stderr());

            JsonNode status = evbus.status();
            assertEquals("running", status.path("state").asText(), status.toString());
            assertEquals(busPid, status.path("pid").asLong(), status.toString());
            JsonNode log = status.path("retention_log");
            assertTrue(log.path("bytes").asLong() <= log.path("max_bytes").asLong(), "the log holds more than max_bytes: " + log);
            assertTrue(log.path("first_offset").asLong() > 1, "100 MB cannot all be retained in 64 MiB: " + log);
            assertEquals(1, status.path("consumers").size(), status.toString());

            // the bus still serves: a new consumer attaches and gets a new event
            EvbusProcess probe = evbus.consumeReady("raw", "-p", "type=probe.*");
            evbus.publish("probe.after", "p1", "{}");
            probe.awaitStdoutContaining("\"p1\"");
            assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("OutOfMemoryError")),
                    String.join("\n", evbus.busLogLines()));
        } finally {
            stopped.signal("CONT");
        }

        stopped.awaitStdoutContaining("\"b" + (BIG_EVENTS - 1) + "\"");
        Poll.until(Poll.PATIENCE, "the stopped consumer to account for every big event",
                () -> stopped.stdoutCount() + GapWarnings.missed(stopped.stderr()) == BIG_EVENTS, stopped::describe);
        assertTrue(GapWarnings.missed(stopped.stderr()) > 0, "no gap warning\n" + stopped.describe());
        long previous = 0;
        for (JsonNode event : stopped.stdoutJson()) {
            long offset = event.path("offset").asLong();
            assertTrue(offset > previous, "offsets must increase: " + event);
            assertEquals("b" + (offset - 1), event.path("id").asText(), event.toString());
            previous = offset;
        }
        assertEquals(busPid, evbus.status().path("pid").asLong());
        assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("OutOfMemoryError")),
                String.join("\n", evbus.busLogLines()));
    }

    @Test
    void statusReportsTheRetentionLogsOffsetsSizeAgeAndLimits(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        JsonNode empty = evbus.status().path("retention_log");
        assertEquals(0, empty.path("events").asLong(), empty.toString());
        assertTrue(empty.path("first_offset").isNull() && empty.path("last_offset").isNull(), empty.toString());
        assertEquals(1, empty.path("next_offset").asLong(), empty.toString());

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add("{\"event_type\":\"log.probe\",\"event_id\":\"l" + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        evbus.publishLines(lines);
        consumer.awaitStdoutLines(10);

        JsonNode status = evbus.status();
        JsonNode log = status.path("retention_log");
        assertEquals(10, log.path("events").asLong(), log.toString());
        assertEquals(1, log.path("first_offset").asLong(), log.toString());
        assertEquals(10, log.path("last_offset").asLong(), log.toString());
        assertEquals(11, log.path("next_offset").asLong(), log.toString());
        assertTrue(log.path("bytes").asLong() > 0, log.toString());
        assertTrue(log.path("oldest_age_ms").isIntegralNumber() && log.path("oldest_age_ms").asLong() >= 0, log.toString());
        assertEquals(64L << 20, log.path("max_bytes").asLong(), log.toString());
        assertEquals(600_000, log.path("max_age_ms").asLong(), log.toString());
        assertFalse(log.path("durable").asBoolean(true), log.toString());
        assertTrue(status.path("cursors").isArray() && status.path("cursors").isEmpty(), status.toString());
        JsonNode entry = status.path("consumers").get(0);
        assertEquals(11, entry.path("position").asLong(), entry.toString());
        assertTrue(entry.path("drop_reason").isNull() && entry.path("durable").isNull(), entry.toString());

        long firstAge = log.path("oldest_age_ms").asLong();
        Poll.until(Poll.PATIENCE, "the oldest event's age to grow",
                () -> evbus.status().path("retention_log").path("oldest_age_ms").asLong() > firstAge);
        assertEquals(10, evbus.status().path("retention_log").path("events").asLong());
    }

    @Test
    void retentionSettingsThatDoNotParseAreRefusedWithOneLineNamingFileAndFieldBeforeAnyBusStarts(Evbus evbus) {
        Map<String, String> cases = Map.of(
                "{\"retention\":{\"max_bytes\":\"lots\"}}", "retention.max_bytes",
                "{\"retention\":{\"max_age\":\"forever\"}}", "retention.max_age",
                "{\"retention\":{\"durable\":\"yes\"}}", "retention.durable",
                "{\"retention\":{\"max_bytes\":\"1MiB\"}}", "retention.max_bytes");
        cases.forEach((json, field) -> {
            Path file = evbus.writeAppConfig(json);
            CommandResult result = evbus.run("consume", "raw");
            assertEquals(2, result.exitCode(), json + "\n" + result);
            assertEquals(1, result.stderr().size(), json + "\n" + result);
            String line = result.stderr().get(0);
            assertTrue(line.startsWith("evbus: ") && line.contains(file.toString()) && line.contains(field), json + "\n" + result);
            assertEquals(List.of(), result.stdout(), json + "\n" + result);
            assertFalse(Files.exists(evbus.home().resolve("events")), json + ": a refused consume must not start a bus");
        });
    }

    /** The finished event files of an output dir (no hidden temp files), in the order they were written. */
    private static List<Path> eventFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".json") && !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparingLong(RetentionIT::counter))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The counter of a file named {@code <epoch ms>-<pid>-<counter>.json}. */
    private static long counter(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".json".length()));
    }
}
