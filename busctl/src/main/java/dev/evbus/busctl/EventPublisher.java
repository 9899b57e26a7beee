package dev.evbus.busctl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.protocol.EventRules;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.spool.SpoolDirectory;
import dev.evbus.spool.SpoolWriter;
import dev.evbus.transport.SocketAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Publishes events to an app's bus without ever making the caller wait: {@link #publish} encodes
 * the event into a memory buffer bounded in bytes and returns; one background thread sends
 * batches over one connection, spools them to {@code events/<app>/spool/} while no bus answers,
 * and hands the spool over, in order and before newer events, once a bus is back. An event is
 * dropped (counted in {@link Stats#dropped()} and logged) only when memory is full because the
 * spool cannot take more. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration CLOSE_FLUSH = Duration.ofSeconds(10);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /** Frame bytes beside the payload and the quoted strings: field names, source time, braces. */
    private static final int FRAME_OVERHEAD = 96;

    /**
     * @param buffered events in memory now
     * @param spooled  events in this publisher's spool files now
     * @param sent     events a bus acknowledged
     * @param dropped  events lost because memory and spool were full
     */
    public record Stats(long buffered, long spooled, long sent, long dropped) {
    }

    private final PublishBuffer buffer;
    private final PublisherLoop loop;
    private final Thread thread;

    private EventPublisher(Builder builder) throws IOException {
        AppPaths paths = AppPaths.of(builder.home, builder.appId);
        buffer = new PublishBuffer(builder.memoryCapBytes, builder.batchBytes, builder.clock);
        SpoolWriter spool = new SpoolWriter(new SpoolDirectory(paths.spoolDir()),
                Math.min(SpoolWriter.DEFAULT_MAX_FILE_BYTES, builder.diskCapBytes), builder.clock);
        loop = new PublisherLoop(buffer, SocketAddresses.forApp(paths), spool, builder.diskCapBytes, builder.batchBytes,
                builder.clock);
        thread = Thread.ofPlatform().daemon().name("evbus-publisher").start(loop);
    }

    public static Builder builder(Home home, String appId) {
        return new Builder(home, appId);
    }

    /**
     * Queues one event and returns at once; false when it was dropped because memory and spool are full.
     *
     * @throws IllegalArgumentException when the type or id breaks {@link EventRules} (the type is empty, has
     *         {@code *}, or either holds a control character), or the payload is not one JSON value
     */
    public boolean publish(String type, String id, String payloadJson) {
        return publish(type, id, payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #publish(String, String, String)}, with the payload as UTF-8 JSON bytes (not copied: do not change them during the call). */
    public boolean publish(String type, String id, byte[] payloadJson) {
        return publish(type, id, null, payloadJson);
    }

    /** As {@link #publish(String, String, byte[])} with the source time given (ms since the epoch, as digits); null means now. */
    public boolean publish(String type, String id, String sourceTime, byte[] payloadJson) {
        refuse("source time", sourceTime, EventRules.sourceTimeProblem(sourceTime));
        refuse("event type", type, EventRules.typeProblem(type));
        refuse("event id", id, EventRules.idProblem(id));
        checkOneJsonValue(payloadJson);
        int idLength = (id == null ? 0 : id.length()) + (sourceTime == null ? 0 : sourceTime.length());
        if (FRAME_OVERHEAD + payloadJson.length + type.length() + idLength > FrameReader.MAX_FRAME) {
            throw new IllegalArgumentException("event is larger than the " + FrameReader.MAX_FRAME + "-byte frame limit");
        }
        // escapes can widen a character to six bytes; the cap check needs an upper bound before encoding
        return buffer.offer(type, id, sourceTime, payloadJson, FRAME_OVERHEAD + payloadJson.length + 6 * (type.length() + idLength));
    }

    /** The bus would refuse what {@link EventRules} refuses: the caller hears it now, not as a count of rejected events later. */
    private static void refuse(String field, String value, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + JsonText.quote(String.valueOf(value)) + " " + problem);
        }
    }

    public Stats stats() {
        PublishBuffer.Counts counts = buffer.counts();
        return new Stats(counts.heldEvents(), loop.spooledEvents(), loop.sentEvents(), counts.dropped());
    }

    /** Why the spool cannot be written now (a full disk, a file size limit), if it cannot; a failed {@link #flush} says no more. */
    public Optional<String> spoolFailure() {
        return Optional.ofNullable(loop.spoolFailure());
    }

    /**
     * Waits until every event published before the call is stored by a bus (acknowledged after a
     * synced bye) or, while no bus answers, written and forced to the spool.
     *
     * @return false when that did not happen within the timeout
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        return buffer.awaitFlush(timeout.toNanos());
    }

    /** Flushes (up to 10 s), then stops the thread; events still in memory go to the spool if they fit. */
    @Override
    public void close() {
        try {
            flush(CLOSE_FLUSH);
            buffer.stop();
            thread.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            buffer.stop();
            Thread.currentThread().interrupt();
        }
    }

    private static void checkOneJsonValue(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("payload is empty: it must be one JSON value");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("payload holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException impossible) {
            throw new IllegalStateException("reading bytes in memory failed", impossible);
        }
    }

    /** Settings of an {@link EventPublisher}; {@link #build()} starts its thread. */
    public static final class Builder {
        private final Home home;
        private final String appId;
        private long memoryCapBytes = 8L * 1024 * 1024;
        private long diskCapBytes = 256L * 1024 * 1024;
        private int batchBytes = 64 * 1024;
        private TimeSource clock = TimeSource.system();

        private Builder(Home home, String appId) {
            this.home = home;
            this.appId = appId;
        }

        /** Bytes of encoded events held in memory at most (default 8 MiB). */
        public Builder memoryCapBytes(long bytes) {
            memoryCapBytes = positive(bytes, "memoryCapBytes");
            return this;
        }

        /** Bytes of this publisher's own spool files at most (default 256 MiB). */
        public Builder diskCapBytes(long bytes) {
            diskCapBytes = positive(bytes, "diskCapBytes");
            return this;
        }

        /** Bytes gathered before a batch leaves in one write (default 64 KiB). */
        public Builder batchBytes(int bytes) {
            batchBytes = (int) positive(bytes, "batchBytes");
            return this;
        }

        /**
         * Gives events their source time and spool files their names (its wall time), and times the
         * reconnect back-off and the wait for a bus to store a handover (its monotonic time).
         */
        public Builder clock(TimeSource clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IOException when the app's socket path cannot exist (too long) */
        public EventPublisher build() throws IOException {
            return new EventPublisher(this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
