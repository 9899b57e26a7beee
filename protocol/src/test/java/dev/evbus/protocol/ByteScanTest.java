package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-a-step searches answer exactly what a byte-at-a-time loop answers, on every range of random arrays. */
class ByteScanTest {
    private static final long SEED = Long.getLong("evbus.fuzz.seed", 20250601L);

    private static int naiveIndexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int naiveIndexOf(byte[] b, int from, int to, byte[] needle) {
        for (int i = from; i <= to - needle.length; i++) {
            if (Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean naiveStartsWith(byte[] b, int at, int to, byte[] expected) {
        return at >= 0 && at + expected.length <= to && Arrays.equals(b, at, at + expected.length, expected, 0, expected.length);
    }

    /** Bytes drawn mostly from a few values (so matches are frequent, next to each other and at every position of a word), now and then any. */
    private static byte[] bytes(Random random, int length) {
        byte[] few = {'\n', ',', '"', 's', 'e', 'q', ':', 0, (byte) 0x80, (byte) 0xFF, 0x0A ^ 0x01, 0x7F};
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : few[random.nextInt(few.length)];
        }
        return b;
    }

    @Test
    void findsEveryByteValueWhereALoopDoes() {
        Random random = new Random(SEED);
        for (int n = 0; n < 3_000; n++) {
            byte[] b = bytes(random, random.nextInt(70));
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            byte value = random.nextBoolean() ? (byte) '\n' : (byte) random.nextInt(256);
            assertEquals(naiveIndexOf(b, from, to, value), ByteScan.indexOf(b, from, to, value),
                    () -> "seed " + SEED + ": " + Arrays.toString(b) + " [" + from + ", " + to + ") " + value);
        }
        for (int value = 0; value < 256; value++) {
            for (int at = 0; at < 20; at++) {
                byte[] b = new byte[20];
                Arrays.fill(b, (byte) (value ^ 0x80));
                b[at] = (byte) value;
                assertEquals(at, ByteScan.indexOf(b, 0, b.length, (byte) value), "value " + value + " at " + at);
                assertEquals(-1, ByteScan.indexOf(b, at + 1, b.length, (byte) value));
                assertEquals(-1, ByteScan.indexOf(b, 0, at, (byte) value));
            }
        }
    }

    @Test
    void findsNeedlesAndPrefixesWhereALoopDoes() {
        Random random = new Random(SEED + 1);
        byte[][] needles = {",\"seq\":".getBytes(StandardCharsets.US_ASCII), "{\"type\":\"event\",".getBytes(StandardCharsets.US_ASCII),
            ",".getBytes(StandardCharsets.US_ASCII), "seq:\"\n,".getBytes(StandardCharsets.US_ASCII), new byte[] {0, (byte) 0xFF}};
        for (int n = 0; n < 5_000; n++) {
            byte[] needle = needles[random.nextInt(needles.length)];
            byte[] b = bytes(random, random.nextInt(60));
            for (int k = random.nextInt(3); k > 0 && b.length >= needle.length; k--) {
                System.arraycopy(needle, 0, b, random.nextInt(b.length - needle.length + 1), needle.length);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            String where = "seed " + SEED + ": " + Arrays.toString(b) + " [" + from + ", " + to + ") " + Arrays.toString(needle);
            assertEquals(naiveStartsWith(b, from, to, needle), ByteScan.startsWith(b, from, to, needle), where);
            if (needle.length <= Long.BYTES) {
                long packed = ByteScan.pattern(needle);
                assertEquals(naiveIndexOf(b, from, to, needle), ByteScan.indexOf(b, from, to, packed, needle.length), where);
                assertEquals(naiveStartsWith(b, from, to, needle), ByteScan.startsWith(b, from, to, packed, needle.length), where);
            }
        }
    }

    @Test
    void packsOneToEightBytes() {
        assertEquals(0x3a71657322L, ByteScan.pattern("\"seq:".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> ByteScan.pattern(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ByteScan.pattern(new byte[9]));
    }
}
