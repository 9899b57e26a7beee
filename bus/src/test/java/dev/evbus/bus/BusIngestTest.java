package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.sources.Ingest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusIngestTest {
    private final MemoryHub bus = new MemoryHub();
    private final RetentionLog events = bus.events;
    private final BusLog log = bus.log;
    private final Hub hub = bus.hub;
    private final Ingest ingest = new BusIngest(hub, events);

    @AfterEach
    void closeLog() {
        bus.close();
    }

    @Test
    void anIngestedEventIsInTheLogLikeAPublishAndItsIdIsDedupedAcrossBothPaths() throws Exception {
        assertEquals(Ingest.Outcome.ACCEPTED, ingest.publish("order.placed", "e1", "1700000000000", "{\"n\":1}".getBytes()));
        assertEquals(Ingest.Outcome.DUPLICATE, ingest.publish("order.placed", "e1", null, "{\"n\":1}".getBytes()));
        assertEquals(-1, hub.intake.publish("order.placed", "e1", "1", "{}".getBytes(), false), "a producer's publish of the same id");
        assertEquals(Ingest.Outcome.ACCEPTED, ingest.publish("order.placed", null, null, "{}".getBytes()));
        assertEquals(Ingest.Outcome.ACCEPTED, ingest.publish("order.placed", null, null, "{}".getBytes()), "no id: never a duplicate");
        assertEquals(3, events.status().events());
        assertEquals(3, hub.counts.total().accepted());
        assertEquals(2, hub.counts.total().duplicates());
    }

    @Test
    void whatAPublishWouldRefuseIsASourceDefectAndNeverReachesTheLog() {
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("", "e", null, "{}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("order.*", "e", null, "{}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("t", "e", "yesterday", "{}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("t", "e", null, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("t", "e", null, new byte[(1 << 20) + 1]));
        assertThrows(IllegalArgumentException.class, () -> ingest.publish("t".repeat(1025), "e", null, "{}".getBytes()));
        assertEquals(0, events.status().events());
    }

    @Test
    void theWatcherSeesEveryAcceptedEventFromAnyPathButNoDuplicate() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        hub.watch((type, payload, at) -> seen.add(type + " " + new String(payload, StandardCharsets.UTF_8)));
        ingest.publish("order.placed", "e1", null, "{\"n\":1}".getBytes());
        ingest.publish("order.placed", "e1", null, "{\"n\":1}".getBytes());
        hub.intake.publish("user.created", "e2", "5", "{\"n\":2}".getBytes(), false);
        assertEquals(List.of("order.placed {\"n\":1}", "user.created {\"n\":2}"), seen);
    }

    @Test
    void aWatcherThatThrowsCostsALogLineNotThePublish() {
        hub.watch((type, payload, at) -> {
            throw new IllegalStateException("window full");
        });
        assertEquals(Ingest.Outcome.ACCEPTED, ingest.publish("order.placed", "e1", null, "{}".getBytes()));
        assertEquals(Ingest.Outcome.ACCEPTED, ingest.publish("order.placed", "e2", null, "{}".getBytes()));
        assertEquals(2, events.status().events());
        String lines = bus.logText();
        assertEquals(1, lines.lines().count(), lines);
        assertTrue(lines.contains("the sources' statistics failed on an accepted event (it is published): "
                + "\"java.lang.IllegalStateException: window full\""), lines);
    }
}
