package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.busctl.EventPublisher;
import dev.evbus.config.Home;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java publisher never blocks: with no bus it spools, and a bus that comes later gets everything in order. */
@ExtendWith(EvbusExtension.class)
class EventPublisherIT {
    private static final int SPOOLED = 500;
    private static final int LIVE = 500;

    @Test
    void eventsPublishedWithNoBusAreSpooledThenHandedToTheBusInOrderBeforeNewerOnes(Evbus evbus) throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(new Home(evbus.home()), "default").build()) {
            for (int i = 0; i < SPOOLED; i++) {
                assertTrue(publisher.publish("app.step", "e" + i, "{\"n\":" + i + "}"));
            }
            assertTrue(publisher.flush(Duration.ofSeconds(30)), "the spool is on disk");
            assertEquals(SPOOLED, publisher.stats().spooled(), publisher.stats().toString());

            EvbusProcess consumer = evbus.consumeReady("raw", "--since", "all", "-p", "type=app.*");
            Poll.until(Poll.PATIENCE, "the publisher to hand its spool over", () -> publisher.stats().spooled() == 0,
                    () -> publisher.stats().toString());
            for (int i = SPOOLED; i < SPOOLED + LIVE; i++) {
                assertTrue(publisher.publish("app.step", "e" + i, "{\"n\":" + i + "}"));
            }
            assertTrue(publisher.flush(Duration.ofSeconds(30)), "the live events are acknowledged");
            consumer.awaitStdoutContaining("\"e" + (SPOOLED + LIVE - 1) + "\"");

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < SPOOLED + LIVE; i++) {
                expected.add("e" + i);
            }
            assertEquals(expected, consumer.eventIds(), "every event once, spooled ones first, in publish order");
            EventPublisher.Stats stats = publisher.stats();
            assertEquals(0, stats.dropped(), stats.toString());
            assertEquals(0, stats.buffered(), stats.toString());
            assertTrue(stats.sent() >= SPOOLED + LIVE, stats.toString());
        }
    }
}
