package dev.evbus.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolReaderTest {
    private static final Path FILE = Path.of("x.spool");

    private final List<String> problems = new ArrayList<>();

    @Test
    void badLinesAreReportedWithTheirByteOffsetAndSkipped() throws IOException {
        String good = "{\"type\":\"publish\",\"event_type\":\"t\",\"event_id\":\"1\",\"payload\":{}}\n";
        String bad = "{\"type\":\"publish\",\"event_type\":\n";
        String other = "{\"type\":\"bye\"}\n";
        List<String> ids = read(good + bad + other + good.replace("\"1\"", "\"2\""));

        assertEquals(List.of("1", "2"), ids);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(good.length(), offset(problems.get(0)));
        assertEquals(good.length() + bad.length(), offset(problems.get(1)));
    }

    @Test
    void aTruncatedLastLineIsReportedAsTruncated() throws IOException {
        String good = "{\"type\":\"publish\",\"event_type\":\"t\",\"event_id\":\"1\",\"payload\":1}\n";
        List<String> ids = read(good + good.substring(0, 20));

        assertEquals(List.of("1"), ids);
        assertEquals(List.of(good.length() + " truncated last line (no newline)"), problems);
    }

    @Test
    void anOversizedLineIsSkippedWithoutEndingTheFile() throws IOException {
        String good = "{\"type\":\"publish\",\"event_type\":\"t\",\"event_id\":\"1\",\"payload\":1}\n";
        String huge = "x".repeat(FrameReader.MAX_FRAME + 10) + "\n";
        List<String> ids = read(good + huge + good);

        assertEquals(List.of("1", "1"), ids);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(good.length(), offset(problems.get(0)));
    }

    @Test
    void binaryGarbageEndsTheReadWithoutThrowing() throws IOException {
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31);
        }
        SpoolReader reader = new SpoolReader(new ByteArrayInputStream(garbage), FILE, this::problem);
        int frames = 0;
        while (reader.next() != null) {
            frames++;
        }
        assertEquals(0, frames);
        assertEquals(false, problems.isEmpty());
    }

    private List<String> read(String content) throws IOException {
        SpoolReader reader = new SpoolReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), FILE,
                this::problem);
        List<String> ids = new ArrayList<>();
        for (Message.Publish p = reader.next(); p != null; p = reader.next()) {
            ids.add(p.eventId());
        }
        return ids;
    }

    private void problem(Path file, long offset, String reason) {
        assertEquals(FILE, file);
        problems.add(offset + " " + reason);
    }

    private static long offset(String problem) {
        return Long.parseLong(problem.substring(0, problem.indexOf(' ')));
    }
}
