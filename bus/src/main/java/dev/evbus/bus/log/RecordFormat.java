package dev.evbus.bus.log;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of one log record, the same in memory and in a segment file, so a durable log writes
 * what it holds without re-encoding it:
 *
 * <pre>
 * int32  length   bytes after this field (crc .. end of frame)
 * int32  crc      CRC-32C of everything after this field (0 in memory-only logs)
 * int64  offset   the record's place in the log
 * int64  time     when the bus appended it, ms since the epoch
 * int32  seqAt    where in the frame a consumer's seq digits go
 * int16  typeLen  bits 0-14: length of the event type's UTF-8 bytes; bit 15: the event is remote
 *                 (another host's, brought in by the bridge, which must never export it again)
 * bytes  type
 * bytes  frame    the event frame up to {@code "seq":}, then from {@code ,"payload":} to its newline
 * </pre>
 *
 * Big-endian throughout. The event type is kept apart from the frame so routing never parses JSON.
 */
public final class RecordFormat {
    public static final int LENGTH_FIELD = 4;
    static final int CRC_AT = 4;
    static final int OFFSET_AT = 8;
    static final int TIME_AT = 16;
    static final int SEQ_AT = 24;
    static final int TYPE_LENGTH_AT = 28;
    static final int TYPE_AT = 30;
    /** Header bytes before the type. */
    public static final int HEADER = TYPE_AT;
    /** No record is longer: a 1 MiB payload plus its frame head, with room to spare. */
    public static final int MAX_RECORD = (1 << 20) + 64 * 1024;
    /** Longest event type in UTF-8 bytes: the type length field keeps its top bit for the remote mark. */
    public static final int MAX_TYPE_BYTES = 0x7FFF;
    private static final int REMOTE_BIT = 0x8000;

    private RecordFormat() {
    }

    public static int totalLength(byte[] data, int at) {
        return LENGTH_FIELD + getInt(data, at);
    }

    public static long offset(byte[] data, int at) {
        return getLong(data, at + OFFSET_AT);
    }

    public static long time(byte[] data, int at) {
        return getLong(data, at + TIME_AT);
    }

    public static int crc(byte[] data, int at) {
        return getInt(data, at + CRC_AT);
    }

    static int seqAt(byte[] data, int at) {
        return getInt(data, at + SEQ_AT);
    }

    static int typeLength(byte[] data, int at) {
        return getShort(data, at + TYPE_LENGTH_AT) & MAX_TYPE_BYTES;
    }

    /** Whether the record holds another host's event, brought in by the bridge. */
    static boolean remote(byte[] data, int at) {
        return (getShort(data, at + TYPE_LENGTH_AT) & REMOTE_BIT) != 0;
    }

    static String type(byte[] data, int at) {
        return new String(data, at + TYPE_AT, typeLength(data, at), StandardCharsets.UTF_8);
    }

    /** Where the frame starts within the record at {@code at}. */
    static int frameStart(byte[] data, int at) {
        return at + TYPE_AT + typeLength(data, at);
    }

    /** The CRC a record at {@code at} should carry. */
    public static int computeCrc(byte[] data, int at) {
        CRC32C crc = new CRC32C();
        crc.update(data, at + OFFSET_AT, getInt(data, at) - (OFFSET_AT - LENGTH_FIELD));
        return (int) crc.getValue();
    }

    /**
     * True when a whole, undamaged record starts at {@code at} and ends by {@code limit}:
     * its length is sane, its header consistent and its CRC matches.
     */
    public static boolean isIntact(byte[] data, int at, int limit) {
        if (limit - at < HEADER) {
            return false;
        }
        int length = getInt(data, at);
        if (length < HEADER - LENGTH_FIELD || length > MAX_RECORD || (long) at + LENGTH_FIELD + length > limit) {
            return false;
        }
        int typeLength = typeLength(data, at);
        int frameLength = LENGTH_FIELD + length - HEADER - typeLength;
        int seqAt = seqAt(data, at);
        if (frameLength <= 0 || seqAt <= 0 || seqAt > frameLength) {
            return false;
        }
        return crc(data, at) == computeCrc(data, at);
    }

    /** Bytes a record of this type, frame head and payload takes. */
    static int recordLength(byte[] type, ByteSink head, int payloadLength) {
        return HEADER + type.length + head.size() + EventFrame.tailLength(payloadLength);
    }

    /**
     * Writes a whole record at {@code at}: header, type, the frame head (up to {@code "seq":}),
     * then {@code ,"payload":}, the payload and the frame's end. With {@code checksum}, its CRC.
     */
    static void write(byte[] data, int at, long offset, long time, byte[] type, boolean remote, ByteSink head,
                      byte[] payload, int payloadOffset, int payloadLength, boolean checksum) {
        int length = recordLength(type, head, payloadLength);
        putHeader(data, at, length - LENGTH_FIELD, offset, time, head.size(), type.length | (remote ? REMOTE_BIT : 0));
        int to = at + HEADER;
        System.arraycopy(type, 0, data, to, type.length);
        to += type.length;
        System.arraycopy(head.array(), 0, data, to, head.size());
        to += head.size();
        EventFrame.writeTail(data, to, payload, payloadOffset, payloadLength);
        if (checksum) {
            putCrc(data, at, computeCrc(data, at));
        }
    }

    /** With shifts, not a {@code ByteBuffer}: this runs per event, and a fresh bus interprets it for a while (decision 0034). */
    static void putHeader(byte[] data, int at, int length, long offset, long time, int seqAt, int typeField) {
        putInt(data, at, length);
        putInt(data, at + CRC_AT, 0);
        putLong(data, at + OFFSET_AT, offset);
        putLong(data, at + TIME_AT, time);
        putInt(data, at + SEQ_AT, seqAt);
        data[at + TYPE_LENGTH_AT] = (byte) (typeField >>> 8);
        data[at + TYPE_LENGTH_AT + 1] = (byte) typeField;
    }

    static void putCrc(byte[] data, int at, int crc) {
        putInt(data, at + CRC_AT, crc);
    }

    private static void putInt(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }

    private static void putLong(byte[] data, int at, long value) {
        putInt(data, at, (int) (value >>> 32));
        putInt(data, at + 4, (int) value);
    }

    private static int getInt(byte[] data, int at) {
        return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
    }

    private static short getShort(byte[] data, int at) {
        return (short) (((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF));
    }

    private static long getLong(byte[] data, int at) {
        return ((long) getInt(data, at) << 32) | (getInt(data, at + 4) & 0xFFFFFFFFL);
    }
}
