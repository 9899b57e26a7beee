package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random streams (blank lines, carriage returns, lines just under, at and over the limit, a last
 * line with or without its newline) read in random-sized pieces: {@link FrameReader} yields what a
 * plain split at newlines says it should, with the same line numbers and offsets.
 */
class FrameReaderFuzzTest {
    private static final long SEED = Long.getLong("evbus.fuzz.seed", 20250601L);
    private static final int STREAMS = 3_000;
    private static final int LIMIT = 24;

    @Test
    void readsEveryRandomStreamAsASplitAtNewlinesWould() throws IOException {
        Random random = new Random(SEED);
        for (int n = 0; n < STREAMS; n++) {
            byte[] stream = stream(random);
            List<String> expected = expected(stream);
            List<String> actual = read(new Pieces(stream, random.nextLong()));
            String where = "seed " + SEED + " stream " + n + ": " + DecodeOutcome.show(stream);
            assertEquals(expected, actual, where);
        }
    }

    private static byte[] stream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] alphabet = " \t\r{}\"x\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int line = random.nextInt(12); line > 0; line--) {
            int length = random.nextInt(4) == 0 ? LIMIT - 2 + random.nextInt(5) : random.nextInt(3 * LIMIT);
            for (int k = 0; k < length; k++) {
                out.write(alphabet[random.nextInt(alphabet.length)]);
            }
            if (line > 1 || random.nextBoolean()) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** The model: lines at newlines; blank ones skipped, long ones reported; a cut last line is still a frame. */
    private static List<String> expected(byte[] stream) {
        List<String> outcomes = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < stream.length) {
            int newline = start;
            while (newline < stream.length && stream[newline] != '\n') {
                newline++;
            }
            boolean terminated = newline < stream.length;
            number++;
            byte[] line = Arrays.copyOfRange(stream, start, newline);
            if (line.length > LIMIT) {
                outcomes.add("too large, line " + number + " at " + start);
            } else if (!new String(line, StandardCharsets.ISO_8859_1).matches("[ \t\r]*")) {
                outcomes.add(frame(line, number, start, terminated));
            }
            start = newline + 1;
        }
        return outcomes;
    }

    private static List<String> read(InputStream in) throws IOException {
        FrameReader reader = new FrameReader(in, LIMIT);
        List<String> outcomes = new ArrayList<>();
        while (true) {
            try {
                if (!reader.next()) {
                    return outcomes;
                }
                byte[] line = Arrays.copyOfRange(reader.buffer(), reader.frameOffset(), reader.frameOffset() + reader.frameLength());
                outcomes.add(frame(line, reader.lineNumber(), reader.lineOffset(), reader.terminated()));
            } catch (FrameTooLargeException tooLarge) {
                outcomes.add("too large, line " + reader.lineNumber() + " at " + reader.lineOffset());
            }
        }
    }

    private static String frame(byte[] line, long number, long offset, boolean terminated) {
        return new String(line, StandardCharsets.ISO_8859_1) + " (line " + number + " at " + offset + (terminated ? ")" : ", cut)");
    }

    /** Hands out its bytes in pieces of random size, as a socket does. */
    private static final class Pieces extends InputStream {
        private final byte[] bytes;
        private final Random sizes;
        private int position;

        Pieces(byte[] bytes, long seed) {
            this.bytes = bytes;
            this.sizes = new Random(seed);
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, 1 + sizes.nextInt(2 * LIMIT)), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, count);
            position += count;
            return count;
        }
    }
}
