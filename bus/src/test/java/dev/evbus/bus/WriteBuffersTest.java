package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.evbus.protocol.ByteSink;
import org.junit.jupiter.api.Test;

class WriteBuffersTest {
    @Test
    void oneWriterGetsFullBatchesAndManyShareTheBudgetDownToAFloor() {
        assertEquals(256 * 1024, WriteBuffers.batchBytes(1));
        assertEquals(256 * 1024, WriteBuffers.batchBytes(64));
        assertEquals(16 * 1024 * 1024 / 100, WriteBuffers.batchBytes(100));
        assertEquals(16 * 1024 * 1024 / 1_000, WriteBuffers.batchBytes(1_000));
        assertEquals(16 * 1024, WriteBuffers.batchBytes(2_000));
        assertEquals(16 * 1024, WriteBuffers.batchBytes(100_000));
    }

    @Test
    void aBufferGivenBackIsLentAgainUpToThePoolsSizeAndAnOversizedOneIsDropped() {
        WriteBuffers buffers = new WriteBuffers(1);
        ByteSink first = buffers.take(1024);
        ByteSink second = buffers.take(1024);
        buffers.give(first);
        buffers.give(second); // the pool keeps one
        assertEquals(1, buffers.idleCount());
        assertSame(first, buffers.take(1024));
        ByteSink grown = buffers.take(1024);
        grown.write(new byte[900 * 1024]); // one near-limit event
        buffers.give(grown);
        assertEquals(0, buffers.idleCount());
        assertNotSame(grown, buffers.take(1024));
    }
}
