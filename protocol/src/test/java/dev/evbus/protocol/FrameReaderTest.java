package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    /**
     * Produces its bytes only as they are read, a few at a time, like a socket: a reader that
     * tried to hold a whole oversized line would have to keep all of it.
     */
    private static final class LazyStream extends InputStream {
        private final List<byte[]> pieces = new ArrayList<>();
        private final List<Long> repeats = new ArrayList<>();
        private final int chunk;
        private int piece;
        private long remainingRepeats;
        private int pos;
        private long produced;

        LazyStream(int chunk) {
            this.chunk = chunk;
        }

        LazyStream text(String text) {
            return repeated(text.getBytes(StandardCharsets.UTF_8), 1);
        }

        LazyStream repeated(byte[] bytes, long times) {
            pieces.add(bytes);
            repeats.add(times);
            if (pieces.size() == 1) {
                remainingRepeats = times;
            }
            return this;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            int n = 0;
            int limit = Math.min(length, chunk);
            while (n < limit && piece < pieces.size()) {
                byte[] current = pieces.get(piece);
                into[offset + n++] = current[pos++];
                if (pos == current.length) {
                    pos = 0;
                    if (--remainingRepeats == 0 && ++piece < pieces.size()) {
                        remainingRepeats = repeats.get(piece);
                    }
                }
            }
            produced += n;
            return n == 0 && length > 0 ? -1 : n;
        }

        long produced() {
            return produced;
        }
    }

    private static String frame(FrameReader reader) {
        return new String(reader.buffer(), reader.frameOffset(), reader.frameLength(), StandardCharsets.UTF_8);
    }

    private static List<String> allFrames(FrameReader reader) throws Exception {
        List<String> frames = new ArrayList<>();
        while (reader.next()) {
            frames.add(frame(reader));
        }
        return frames;
    }

    private static FrameReader readerOf(String text) {
        return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void splitsFramesAtNewlines() throws Exception {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"), allFrames(readerOf("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n")));
    }

    @Test
    void lastLineWithoutNewlineIsStillAFrame() throws Exception {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), allFrames(readerOf("{\"a\":1}\n{\"b\":2}")));
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), allFrames(readerOf("\n  \n\r\n{\"a\":1}\n\n\t\n{\"b\":2}\n\n  ")));
    }

    @Test
    void emptyStreamHasNoFrames() throws Exception {
        assertFalse(readerOf("").next());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 64})
    void framesSplitAcrossReadsComeOutWhole(int chunk) throws Exception {
        LazyStream in = new LazyStream(chunk).text("{\"first\":\"frame\"}\n{\"second\":[1,2,3]}\nlast");
        assertEquals(List.of("{\"first\":\"frame\"}", "{\"second\":[1,2,3]}", "last"), allFrames(new FrameReader(in)));
    }

    @Test
    void twoMebibyteLineIsRejectedAndTheNextFrameStillArrives() throws Exception {
        byte[] kib = new byte[1024];
        java.util.Arrays.fill(kib, (byte) 'x');
        LazyStream in = new LazyStream(8192)
                .text("{\"before\":1}\n")
                .repeated(kib, 2048)
                .text("\n{\"after\":2}\n");
        FrameReader reader = new FrameReader(in);

        assertTrue(reader.next());
        assertEquals("{\"before\":1}", frame(reader));
        assertThrows(FrameTooLargeException.class, reader::next);
        assertTrue(reader.next());
        assertEquals("{\"after\":2}", frame(reader));
        assertFalse(reader.next());

        assertTrue(in.produced() > 2L * FrameReader.MAX_FRAME, "the whole oversized line went past");
        assertTrue(reader.buffer().length <= FrameReader.MAX_FRAME + 2, "buffer grew to " + reader.buffer().length);
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() throws Exception {
        String sixteen = "x".repeat(16);
        FrameReader reader = new FrameReader(new LazyStream(5).text(sixteen + "\n" + sixteen), 16);
        assertEquals(List.of(sixteen, sixteen), allFrames(reader));
    }

    /** Every way an oversized line can meet the buffer: whole, split, with or without its newline buffered. */
    @Test
    void anyOversizedLineIsSkippedAndReadingGoesOn() throws Exception {
        int limit = 16;
        for (int chunk : new int[] {1, 3, 7, 17, 18, 64}) {
            for (int length = limit + 1; length <= 4 * limit; length++) {
                String text = "ok1\n" + "y".repeat(length) + "\nok2\n";
                FrameReader reader = new FrameReader(new LazyStream(chunk).text(text), limit);
                String where = "chunk " + chunk + ", line of " + length;
                assertTrue(reader.next(), where);
                assertEquals("ok1", frame(reader), where);
                assertThrows(FrameTooLargeException.class, reader::next, where);
                assertTrue(reader.next(), where);
                assertEquals("ok2", frame(reader), where);
                assertFalse(reader.next(), where);
                assertTrue(reader.buffer().length <= limit + 2, where);
            }
        }
    }

    @Test
    void oversizedLastLineWithoutNewlineIsRejectedThenTheStreamEnds() throws Exception {
        FrameReader reader = new FrameReader(new LazyStream(4).text("ok\n" + "z".repeat(40)), 16);
        assertTrue(reader.next());
        assertThrows(FrameTooLargeException.class, reader::next);
        assertFalse(reader.next());
    }
}
