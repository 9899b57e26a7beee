package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSinkTest {

    private static String decimal(long value) {
        ByteSink sink = new ByteSink(0);
        sink.writeDecimal(value);
        return new String(sink.toByteArray(), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "7, 7",
        "1234567890123, 1234567890123",
        "-5, -5",
        "10, 10",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
    })
    void writeDecimalWritesTheDigits(long value, String expected) {
        assertEquals(expected, decimal(value));
    }

    @Test
    void writeDecimalWritesWhatLongToStringWritesAtEveryNumberOfDigits() {
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10 * 10; power *= 10) {
            for (long value : new long[] {power - 1, power, power + 1, power * 9 + (power - 1)}) {
                if (value >= 0) {
                    assertEquals(Long.toString(value), decimal(value));
                    assertEquals(Long.toString(-value), decimal(-value));
                }
            }
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        assertEquals(Long.toString(Long.MAX_VALUE - 1), decimal(Long.MAX_VALUE - 1));
        assertEquals(Long.toString(Long.MIN_VALUE + 1), decimal(Long.MIN_VALUE + 1));
    }

    @Test
    void writesAppendAndGrowPastTheInitialCapacity() throws Exception {
        ByteSink sink = new ByteSink(1);
        byte[] chunk = "0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            sink.write(chunk);
            sink.write(',');
        }
        sink.write(chunk, 3, 2);
        assertEquals(112, sink.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink.writeTo(out);
        assertArrayEquals(sink.toByteArray(), out.toByteArray());
        assertEquals("0123456789,".repeat(10) + "34", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void resetEmptiesTheSinkForReuse() {
        ByteSink sink = new ByteSink(16);
        sink.write("first".getBytes(StandardCharsets.US_ASCII));
        sink.reset();
        sink.writeDecimal(42);
        assertEquals("42", new String(sink.toByteArray(), StandardCharsets.US_ASCII));
    }
}
