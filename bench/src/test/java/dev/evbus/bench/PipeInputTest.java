package dev.evbus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both CLIs of the pipe section get the same events: publish lines for evbus, RESP PUBLISH commands for redis. */
class PipeInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEvbusLineIsOnePublishObjectWithThePayload() throws Exception {
        byte[] payload = new BenchPayload().fill(7, 0);
        String line = new String(PipeInput.evbusLine(payload), StandardCharsets.US_ASCII);
        assertEquals('\n', line.charAt(line.length() - 1));
        JsonNode event = JSON.readTree(line);
        assertEquals(PipeInput.TYPE, event.path("event_type").asText());
        assertEquals(new String(payload, StandardCharsets.US_ASCII), JSON.writeValueAsString(event.path("payload")));
        assertEquals(BenchPayload.SIZE, payload.length);
    }

    @Test
    void aRedisCommandIsARespArrayOfThreeBulkStrings() {
        byte[] payload = "{\"n\":1}".getBytes(StandardCharsets.US_ASCII);
        assertEquals("*3\r\n$7\r\nPUBLISH\r\n$10\r\nbench.pipe\r\n$7\r\n{\"n\":1}\r\n",
                new String(PipeInput.redisCommand(payload), StandardCharsets.US_ASCII));
    }

    @Test
    void writesNumberedEventsOneALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.ndjson");
        long bytes = PipeInput.write(file, 3, PipeInput.Format.EVBUS);
        List<String> lines = Files.readAllLines(file);
        assertEquals(Files.size(file), bytes);
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.format("%010d", i + 1), JSON.readTree(lines.get(i)).path("payload").path("n").asText());
        }
    }

    @Test
    void writesOneCommandPerEventForRedis(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.resp");
        PipeInput.write(file, 5, PipeInput.Format.REDIS);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertEquals(5, text.split("\\*3\r\n", -1).length - 1);
        assertEquals(5 * PipeInput.redisCommand(new BenchPayload().fill(1, 0)).length, text.length());
    }
}
