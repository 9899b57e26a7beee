package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.event.ManualTime;
import dev.evbus.spool.SpoolDirectory;
import dev.evbus.spool.SpoolWriter;
import dev.evbus.transport.SocketAddresses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolHandoverTest {
    @TempDir
    Path root;

    private final ManualTime clock = new ManualTime();

    @Test
    void aHandoverSendsTheOldestFileLessItsAcknowledgedHeadThenDeletesItOnceTheBusStoredIt() throws Exception {
        AppPaths paths = new Home(root).app("a");
        Path socket = SocketAddresses.forApp(paths);
        SpoolHandover spool = new SpoolHandover(writer(paths), 1 << 20, 4096);
        assertTrue(spool.isEmpty());
        assertTrue(spool.append(Batches.of("e1", "e2")));
        assertTrue(spool.append(Batches.of("e3")));
        spool.headAcknowledged(1); // e1 was spilled while in flight, and its ack came
        assertEquals(2, spool.spooledEvents());

        try (FakeBus bus = new FakeBus(socket)) {
            BusLink link = new BusLink(socket, (chunk, events) -> { }, clock);
            assertTrue(link.open());

            assertEquals(2, spool.handOverOldest(link, () -> { }));

            assertEquals(List.of("e2", "e3"), bus.received());
            assertFalse(link.isOpen(), "a synced bye ends the connection");
            assertTrue(spool.isEmpty());
            assertEquals(0, spool.spooledEvents());
        }
    }

    @Test
    void batchesPastTheDiskCapStayWithTheCallerOldestFirst() throws Exception {
        PublishBuffer.Chunk first = Batches.of("e1");
        SpoolHandover spool = new SpoolHandover(writer(new Home(root).app("a")), first.length() + 1, 4096);
        PublishBuffer buffer = new PublishBuffer(1 << 20, 4096, clock);
        assertTrue(buffer.offer("t.x", "e1", "1", "{}".getBytes(StandardCharsets.UTF_8), 256));
        assertTrue(buffer.offer("t.x", "e2", "1", "{}".getBytes(StandardCharsets.UTF_8), 256));
        Deque<PublishBuffer.Chunk> unsent = new ArrayDeque<>(List.of(first, Batches.of("e2")));

        spool.takeAll(unsent, buffer);

        assertEquals(1, unsent.size(), "the second does not fit");
        assertEquals(1, spool.spooledEvents());
        assertEquals(1, spool.sync(), "a sync settles what was appended since the last one");
        assertEquals(0, spool.sync());
    }

    private SpoolWriter writer(AppPaths paths) {
        return new SpoolWriter(new SpoolDirectory(paths.spoolDir()), 1 << 20, clock);
    }
}
