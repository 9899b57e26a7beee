package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DedupSeedTest {
    private final MemoryHub bus = new MemoryHub();

    @AfterEach
    void closeLog() {
        bus.close();
    }

    @Test
    void theNewestRetainedIdsCountAsSeenAndOlderOnesAndIdlessEventsDoNot() {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            bus.events.append("t", "e" + i, "1", payload, 0, payload.length);
        }
        bus.events.append("t", null, "1", payload, 0, payload.length);
        DedupFilter fresh = new DedupFilter();

        assertEquals(3, DedupSeed.fromLog(bus.events, fresh, 4), "the newest four events: three with an id");

        assertFalse(fresh.firstSighting("e4"));
        assertFalse(fresh.firstSighting("e2"));
        assertTrue(fresh.firstSighting("e1"), "older than the seeded tail");
    }
}
