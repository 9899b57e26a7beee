package dev.evbus.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.busctl.EventPublisher;
import dev.evbus.config.Home;
import dev.evbus.pipeline.Republisher;
import java.io.IOException;
import java.time.Duration;

/**
 * The publish effect's way onto the bus: an {@link EventPublisher} opened on first use, so a
 * pipeline that never republishes costs no second connection, and flushed when the consumer ends.
 */
final class LazyRepublisher implements Republisher, AutoCloseable {
    /** Made on the first republish, as the publisher is: not on the start-up path of every keyed consumer. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final Duration FLUSH_ON_CLOSE = Duration.ofSeconds(5);

    private final Home home;
    private final String appId;
    /** Pipeline thread only (pipelines run serialised), and close after the pipeline has finished. */
    private EventPublisher publisher;

    LazyRepublisher(Home home, String appId) {
        this.home = home;
        this.appId = appId;
    }

    @Override
    public void publish(String eventType, String eventId, JsonNode payload) throws IOException {
        if (publisher == null) {
            publisher = EventPublisher.builder(home, appId).build();
        }
        if (!publisher.publish(eventType, eventId, Json.MAPPER.writeValueAsBytes(payload))) {
            throw new IOException("the publisher's buffer and spool are full; event not republished");
        }
    }

    @Override
    public void close() {
        if (publisher == null) {
            return;
        }
        try {
            publisher.flush(FLUSH_ON_CLOSE);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            publisher.close();
        }
    }
}
