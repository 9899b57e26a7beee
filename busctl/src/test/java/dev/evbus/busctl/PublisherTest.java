package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
    @TempDir
    Path dir;

    @Test
    void aBusThatNeverAnswersTheByeIsReportedAsNotAcknowledgedWithinThePatience() throws IOException {
        Path socket = dir.resolve("bus.sock");
        try (FakeBus bus = new FakeBus(socket); Publisher publisher = Publisher.connect(socket)) {
            bus.stall();
            byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
            publisher.publish("a.b", "e1", null, payload, 0, payload.length);

            IOException silent = assertThrows(IOException.class, () -> publisher.finish(true, Duration.ofSeconds(1)));

            assertEquals("the bus has not acknowledged the events within 1 s", silent.getMessage());
        }
    }
}
