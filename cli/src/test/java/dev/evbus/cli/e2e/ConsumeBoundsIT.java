package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** consume --since TIME (RFC 3339) and --until: where a stream starts and where it ends. */
@ExtendWith(EvbusExtension.class)
class ConsumeBoundsIT {
    private static final DateTimeFormatter WITH_FRACTION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** Publishes events {@code prefix0..prefix(count-1)} and returns once the bus took them. */
    private static void publish(Evbus evbus, String prefix, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"event_type\":\"bound.tick\",\"event_id\":\"" + prefix + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        evbus.publishLines(lines);
    }

    /**
     * With a consumer keeping the bus up, publishes a0..a2, then b0..b1 once the clock has passed
     * the time it returns: after every a and before every b (the bus keeps milliseconds).
     */
    private static Instant aThenMarkThenB(Evbus evbus) {
        evbus.consumeReady("raw");
        publish(evbus, "a", 3);
        Instant mark = Instant.now();
        Poll.until(Poll.PATIENCE, "the clock to pass " + mark, () -> Instant.now().toEpochMilli() > mark.toEpochMilli() + 1);
        publish(evbus, "b", 2);
        return mark;
    }

    private static void assertStoppedByUntil(EvbusProcess consumer) {
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("(reason: until)"), consumer.describe());
    }

    @Test
    void sinceAnRfc3339TimeWithAnOffsetAndAFractionStartsAtTheEventsAppendedFromThen(Evbus evbus) {
        Instant mark = aThenMarkThenB(evbus);
        for (String since : List.of(mark.atOffset(ZoneOffset.ofHours(2)).format(WITH_FRACTION),
                mark.atOffset(ZoneOffset.ofHoursMinutes(-5, -30)).format(WITH_FRACTION), mark.toString())) {
            EvbusProcess replay = evbus.consume("raw", "--since", since, "--max-events", "2");
            assertEquals(0, replay.awaitExit(), since + "\n" + replay.describe());
            assertEquals(List.of("b0", "b1"), replay.eventIds(), since + "\n" + replay.describe());
        }
    }

    @Test
    void untilAnOffsetWritesEventsUpToItInclusiveAndStopsAtTheNextOrAtTheLiveEdge(Evbus evbus) {
        evbus.consumeReady("raw");
        publish(evbus, "e", 5);
        EvbusProcess all = evbus.consume("raw", "--since", "all", "--max-events", "5");
        assertEquals(0, all.awaitExit(), all.describe());
        long offsetOfE2 = all.stdoutJson().get(2).path("offset").asLong();
        long offsetOfE4 = all.stdoutJson().get(4).path("offset").asLong();

        EvbusProcess toE2 = evbus.consume("raw", "--since", "all", "--until", "offset:" + offsetOfE2);
        assertStoppedByUntil(toE2);
        assertEquals(List.of("e0", "e1", "e2"), toE2.eventIds(), toE2.describe());

        // e4 is the newest event: no event past the bound comes, the live edge ends the stream
        EvbusProcess toE4 = evbus.consume("raw", "--since", "all", "--until", "offset:" + offsetOfE4);
        assertStoppedByUntil(toE4);
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), toE4.eventIds(), toE4.describe());

        // a bound ahead of the log: live events up to it, then the first one past it ends the stream
        EvbusProcess ahead = evbus.consumeReady("raw", "--until", "offset:" + (offsetOfE4 + 2));
        publish(evbus, "l", 3);
        assertStoppedByUntil(ahead);
        assertEquals(List.of("l0", "l1"), ahead.eventIds(), ahead.describe());
    }

    @Test
    void untilATimeWritesWhatCameUpToItAndStopsAtTheFirstLaterEventOrAtTheLiveEdge(Evbus evbus) {
        Instant mark = aThenMarkThenB(evbus);

        EvbusProcess toMark = evbus.consume("raw", "--since", "all", "--until", mark.atOffset(ZoneOffset.ofHours(2)).format(WITH_FRACTION));
        assertStoppedByUntil(toMark);
        assertEquals(List.of("a0", "a1", "a2"), toMark.eventIds(), toMark.describe());

        // "0s" is now: everything retained came before it, and no later event is needed to stop
        EvbusProcess toNow = evbus.consume("raw", "--since", "all", "--until", "0s");
        assertStoppedByUntil(toNow);
        assertEquals(List.of("a0", "a1", "a2", "b0", "b1"), toNow.eventIds(), toNow.describe());
    }

    @Test
    void untilATimeAheadEndsALiveConsumerWhenTheClockPassesItWithoutAnyEvent(Evbus evbus) {
        Instant soon = Instant.now().plus(Duration.ofSeconds(3));
        EvbusProcess live = evbus.consumeReady("raw", "--until", soon.toString());
        assertStoppedByUntil(live);
        assertFalse(Instant.now().isBefore(soon), "stopped at " + Instant.now() + ", before the bound " + soon);
        assertEquals(List.of(), live.stdout(), live.describe());
    }

    @Test
    void badSinceAndUntilValuesExitTwoWithOneLineAndStartNoBus(Evbus evbus) {
        List<List<String>> cases = List.of(List.of("--until", "all"), List.of("--until", "yesterday"), List.of("--until", "offset:x"),
                List.of("--until", "2026-12-07T05:00:00"), List.of("--since", "2026-13-07T05:00:00Z"),
                List.of("--since", "2026-12-07T25:00:00+02:00"));
        for (List<String> option : cases) {
            CommandResult result = evbus.run("consume", "raw", option.get(0), option.get(1));
            assertEquals(2, result.exitCode(), option + "\n" + result);
            assertEquals(1, result.stderr().size(), option + "\n" + result);
            assertTrue(result.stderr().get(0).startsWith("evbus: " + option.get(0) + " takes ")
                    && result.stderr().get(0).contains("RFC 3339"), option + "\n" + result);
            assertEquals(List.of(), result.stdout(), option + "\n" + result);
        }
        assertFalse(Files.exists(evbus.home().resolve("events")), "a refused consume must not start a bus");
    }
}
