package dev.evbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.busctl.NoBusException;
import dev.evbus.busctl.Publisher;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.Republisher;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A replay's way onto the bus for a publish sink: one connection per event, closed only once the
 * bus has counted it, so a letter is deleted only for an event the bus took. No bus running
 * fails the replay of that letter (it stays) rather than spooling it.
 */
final class BusRepublisher implements Republisher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final String appId;
    private final TimeSource clock;

    BusRepublisher(Path socket, String appId, TimeSource clock) {
        this.socket = socket;
        this.appId = appId;
        this.clock = clock;
    }

    @Override
    public void publish(String eventType, String eventId, JsonNode payload) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(payload);
        try (Publisher publisher = Publisher.connect(socket)) {
            publisher.publish(eventType, eventId, Long.toString(clock.millis()), bytes, 0, bytes.length);
            var ack = publisher.finish();
            if (ack.rejected() > 0) {
                throw new IOException("the bus rejected the event");
            }
        } catch (NoBusException none) {
            throw new IOException("no bus running for app " + JsonText.quote(appId)
                    + " (start a consumer, then replay again)");
        }
    }
}
