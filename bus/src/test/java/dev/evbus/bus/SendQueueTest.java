package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SendQueueTest {

    private static dev.evbus.protocol.EventFrame frame(int n) {
        return dev.evbus.protocol.EventFrame.of("t", null, "1", 0, String.valueOf(n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void fullQueueDropsTheOldestAndLeavesAGapInSeq() throws InterruptedException {
        SendQueue queue = new SendQueue(3);
        for (int i = 1; i <= 5; i++) {
            queue.offer(frame(i));
        }
        SendQueue.Batch batch = new SendQueue.Batch();
        assertEquals(3, queue.drainTo(batch));
        assertArrayEquals(new long[] {3, 4, 5}, java.util.Arrays.copyOf(batch.seqs, 3));
        assertEquals("3", new String(batch.frames[0].payload(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, queue.dropped());
    }

    @Test
    void seqKeepsCountingAcrossDrains() throws InterruptedException {
        SendQueue queue = new SendQueue(10);
        SendQueue.Batch batch = new SendQueue.Batch();
        queue.offer(frame(0));
        queue.offer(frame(0));
        queue.drainTo(batch);
        queue.offer(frame(0));
        assertEquals(1, queue.drainTo(batch));
        assertEquals(3, batch.seqs[0]);
        assertEquals(0, queue.dropped());
    }

    @Test
    void closedQueueRefusesOffersAndReleasesTheWriter() throws InterruptedException {
        SendQueue queue = new SendQueue(2);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                assertEquals(0, queue.drainTo(new SendQueue.Batch()));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        queue.close();
        writer.join();
        assertFalse(queue.offer(frame(0)));
    }
}
