package dev.evbus.busctl;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Streams events to a bus without waiting for an answer per event: frames collect in a buffer
 * that leaves in large writes, and {@link #finish()} asks for the totals once at the end.
 */
public final class Publisher implements AutoCloseable {
    private static final int FLUSH_AT_BYTES = 64 * 1024;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** The bus answers a synced bye within 60 s, with its totals or an error saying why not; this is for a bus that hangs. */
    static final Duration SYNC_ACK_TIMEOUT = Duration.ofSeconds(70);

    private final BusConnection connection;
    private final ByteSink pending = new ByteSink(FLUSH_AT_BYTES + 4096);
    private boolean published;

    private Publisher(BusConnection connection) {
        this.connection = connection;
    }

    public static Publisher connect(Path socket) throws IOException {
        return new Publisher(BusConnection.open(socket));
    }

    /** Queues one event; {@code payload[offset, offset+length)} must be one valid JSON value. */
    public void publish(String eventType, String eventId, String sourceTime, byte[] payload, int offset, int length)
            throws IOException {
        PublishFrame.writeTo(pending, eventType, eventId, sourceTime, payload, offset, length, false);
        published = true;
        if (pending.size() >= FLUSH_AT_BYTES) {
            flush();
        }
    }

    /**
     * Queues a {@code publish --stdin} line that already is a publish frame but for its
     * {@code "type":"publish",} (see {@link PublishFrame#writeLine}), copying its bytes once:
     * the same frame {@link #publish} would queue for the event it decodes to. False, with
     * nothing queued, for any other line: the caller decodes that one and calls {@link #publish}.
     */
    public boolean publishLine(byte[] line, int offset, int length) throws IOException {
        if (!PublishFrame.writeLine(pending, line, offset, length)) {
            return false;
        }
        published = true;
        if (pending.size() >= FLUSH_AT_BYTES) {
            flush();
        }
        return true;
    }

    /** Sends what is buffered now, for callers that pause between events. */
    public void flush() throws IOException {
        if (pending.size() > 0) {
            connection.sendRaw(pending.array(), 0, pending.size());
            pending.reset();
        }
        connection.flush();
    }

    /** Sends the rest, says bye, and returns the bus's totals for this connection. */
    public Message.PublishAck finish() throws IOException {
        return finish(false);
    }

    /**
     * As {@link #finish()}; with {@code sync} the bus answers only once every accepted event is
     * stored (on disk when its log is durable), which may take a while.
     */
    public Message.PublishAck finish(boolean sync) throws IOException {
        return finish(sync, sync ? SYNC_ACK_TIMEOUT : ACK_TIMEOUT);
    }

    /** As {@link #finish(boolean)}, waiting up to {@code patience} for the bus's answer. */
    Message.PublishAck finish(boolean sync, Duration patience) throws IOException {
        if (!published) {
            return new Message.PublishAck(0, 0, 0); // a bye cannot open a connection: the bus expects publish first
        }
        flush();
        connection.send(new Message.Bye(sync));
        connection.setTimeout(patience);
        while (true) {
            Message reply;
            try {
                reply = connection.receive();
            } catch (SocketTimeoutException silent) {
                throw new IOException("the bus has not acknowledged the events within " + patience.toSeconds() + " s");
            }
            if (reply instanceof Message.PublishAck ack) {
                return ack;
            }
            if (reply instanceof Message.Error error) {
                throw new IOException("the bus answered: " + error.message());
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
