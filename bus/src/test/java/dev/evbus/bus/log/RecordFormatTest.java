package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A record's header reads back what was written, big-endian as the layout says, at any place in a chunk. */
class RecordFormatTest {
    @Test
    void aRecordsHeaderFieldsReadBackBigEndianWithTheRemoteMarkAndAMatchingCrc() {
        byte[] type = "order.placed".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "xx{\"n\":1}yy".getBytes(StandardCharsets.UTF_8);
        ByteSink head = new ByteSink(128);
        long offset = 0x1_2345_6789L;
        long time = 1_700_000_123_456L;
        EventFrame.writeHead(head, "order.placed", null, "1", offset);
        int length = RecordFormat.recordLength(type, head, 7);
        byte[] data = new byte[3 + length];
        RecordFormat.write(data, 3, offset, time, type, true, head, payload, 2, 7, true);

        assertEquals(length, RecordFormat.totalLength(data, 3));
        assertEquals(length - RecordFormat.LENGTH_FIELD, ByteBuffer.wrap(data).getInt(3), "big-endian length");
        assertEquals(offset, RecordFormat.offset(data, 3));
        assertEquals(time, RecordFormat.time(data, 3));
        assertEquals(time, ByteBuffer.wrap(data).getLong(3 + RecordFormat.TIME_AT), "big-endian time");
        assertEquals(head.size(), RecordFormat.seqAt(data, 3));
        assertTrue(RecordFormat.remote(data, 3));
        assertEquals("order.placed", RecordFormat.type(data, 3));
        assertEquals(RecordFormat.computeCrc(data, 3), RecordFormat.crc(data, 3));
        assertTrue(RecordFormat.isIntact(data, 3, data.length));
        String frame = new String(data, RecordFormat.frameStart(data, 3), length - RecordFormat.HEADER - type.length,
                StandardCharsets.UTF_8);
        assertTrue(frame.endsWith(",\"payload\":{\"n\":1}}\n"), frame);
        data[data.length - 3] ^= 1;
        assertFalse(RecordFormat.isIntact(data, 3, data.length), "a changed byte fails the CRC");
    }

    @Test
    void aLocalRecordInAMemoryLogHasNoRemoteMarkAndNoCrc() {
        byte[] type = "t".getBytes(StandardCharsets.UTF_8);
        ByteSink head = new ByteSink(128);
        EventFrame.writeHead(head, "t", "id", "2", 5);
        byte[] data = new byte[RecordFormat.recordLength(type, head, 1)];
        RecordFormat.write(data, 0, 5, 7, type, false, head, new byte[] {'1'}, 0, 1, false);
        assertFalse(RecordFormat.remote(data, 0));
        assertEquals(0, RecordFormat.crc(data, 0));
        assertEquals(5, RecordFormat.offset(data, 0));
        assertEquals(7, RecordFormat.time(data, 0));
    }
}
