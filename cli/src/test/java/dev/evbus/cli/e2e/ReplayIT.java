package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** consume --since: retained events first, then live ones, with no gap and no duplicate at the seam. */
@ExtendWith(EvbusExtension.class)
class ReplayIT {
    private static final int EVENTS = 10;

    @Test
    void lateConsumerSinceAllGetsRetainedThenLiveEventsWithoutGapOrDuplicateWhileAPublisherKeepsPublishing(Evbus evbus) {
        EvbusProcess anchor = evbus.consumeReady("raw", "-p", "type=replay.*");
        EvbusProcess publisher = evbus.start("publish", "--stdin");
        Feeder feeder = Feeder.start(publisher, anchor, "replay.tick", "n", 200);

        anchor.awaitStdoutLines(1_000);
        EvbusProcess late = evbus.consumeReady("raw", "-p", "type=replay.*", "--since", "all");
        int writtenWhenReady = feeder.written();
        // the late consumer must go on to live events: wait for well past what had been published when it attached
        late.awaitStdoutLines(writtenWhenReady + 1_000);
        int published = feeder.finish();

        assertEquals(0, publisher.awaitExit(), publisher.describe());
        assertEquals(List.of("accepted=" + published + " duplicates=0 rejected=0"), publisher.stderr());
        late.awaitStdoutContaining("\"n" + (published - 1) + "\"");
        anchor.awaitStdoutContaining("\"n" + (published - 1) + "\"");
        late.closeStdin();
        assertEquals(0, late.awaitExit(), late.describe());

        List<JsonNode> events = late.stdoutJson();
        assertEquals(published, events.size(), "the late consumer received each published event exactly once\n" + late.describe());
        long firstOffset = events.get(0).path("offset").asLong();
        for (int i = 0; i < published; i++) {
            JsonNode event = events.get(i);
            assertEquals("n" + i, event.path("event_id").asText(), "event " + i + ": " + event);
            assertEquals(firstOffset + i, event.path("offset").asLong(), "offsets go up by one: " + event);
            assertEquals(i + 1, event.path("seq").asLong(), event.toString());
        }
        assertTrue(late.stderr().stream().noneMatch(line -> line.contains("warning")), late.describe());
    }

    @Test
    void sinceOffsetStartsAtThatOffsetAndSinceAnHourOrAllGetEverythingRetained(Evbus evbus) {
        EvbusProcess anchor = evbus.consumeReady("raw");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add("{\"event_type\":\"past.tick\",\"event_id\":\"e" + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        evbus.publishLines(lines);
        anchor.awaitStdoutLines(EVENTS);
        List<JsonNode> seen = anchor.stdoutJson();
        long offsetOfE3 = seen.get(3).path("offset").asLong();

        EvbusProcess fromOffset = evbus.consume("raw", "--since", "offset:" + offsetOfE3, "--max-events", "7");
        assertEquals(0, fromOffset.awaitExit(), fromOffset.describe());
        assertEquals(List.of("e3", "e4", "e5", "e6", "e7", "e8", "e9"), fromOffset.eventIds(), fromOffset.describe());
        assertEquals(offsetOfE3, fromOffset.stdoutJson().get(0).path("offset").asLong(), fromOffset.describe());

        for (String since : List.of("1h", "all")) {
            EvbusProcess replay = evbus.consumeReady("raw", "--since", since);
            replay.awaitStdoutLines(EVENTS);
            // then live: a new event follows the retained ones, with nothing in between
            evbus.publish("past.tick", "live-" + since, "{}");
            replay.awaitStdoutContaining("\"live-" + since + "\"");
            replay.closeStdin();
            assertEquals(0, replay.awaitExit(), replay.describe());
            List<String> expected = new ArrayList<>(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"));
            if (since.equals("all")) {
                expected.add("live-1h");
            }
            expected.add("live-" + since);
            assertEquals(expected, replay.eventIds(), "--since " + since + "\n" + replay.describe());
        }
    }

    @Test
    void badSinceFormsExitTwoWithOneLineAndStartNoBus(Evbus evbus) {
        for (String since : List.of("yesterday", "offset:x", "offset:", "-5m")) {
            CommandResult result = evbus.run("consume", "raw", "--since", since);
            assertEquals(2, result.exitCode(), since + "\n" + result);
            assertEquals(1, result.stderr().size(), since + "\n" + result);
            assertTrue(result.stderr().get(0).startsWith("evbus: ") && result.stderr().get(0).contains("--since"),
                    since + "\n" + result);
            assertEquals(List.of(), result.stdout());
        }
        assertFalse(Files.exists(evbus.home().resolve("events")), "a refused consume must not start a bus");
    }
}
