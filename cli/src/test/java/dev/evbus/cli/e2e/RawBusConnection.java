package dev.evbus.cli.e2e;

import dev.evbus.testkit.Poll;
import dev.evbus.transport.UnixConnection;
import dev.evbus.transport.UnixSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection to a bus socket that speaks no protocol on its own: the test writes whatever bytes
 * it likes, well-formed or not, and reads back what the bus answers.
 */
final class RawBusConnection implements AutoCloseable {
    private final UnixConnection socket;

    private RawBusConnection(UnixConnection socket) {
        this.socket = socket;
    }

    static RawBusConnection open(Path socketFile) throws IOException {
        return new RawBusConnection(UnixSockets.dial(socketFile, Duration.ofSeconds(5)));
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        OutputStream out = socket.out();
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads until the bus closes the connection and returns everything it sent; fails if the
     * connection is still open after {@code patience}. A reset counts as closed.
     */
    String readUntilClosed(Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.in();
        while (true) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                throw new AssertionError("the bus kept the connection open for " + patience.toMillis() + " ms; it sent: "
                        + received.toString(StandardCharsets.UTF_8));
            }
            socket.setTimeout(Duration.ofMillis(remaining));
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException stillOpen) {
                continue;
            } catch (IOException reset) {
                return received.toString(StandardCharsets.UTF_8);
            }
            if (read < 0) {
                return received.toString(StandardCharsets.UTF_8);
            }
            received.write(buffer, 0, read);
        }
    }

    /** Publishes one event over the wire protocol and returns the bus's publish_ack line. */
    static String publish(Path socketFile, String eventType, String eventId) throws IOException {
        try (RawBusConnection connection = open(socketFile)) {
            connection.send("{\"type\":\"publish\",\"event_type\":\"" + eventType + "\",\"event_id\":\"" + eventId
                    + "\",\"payload\":{}}\n{\"type\":\"bye\"}\n");
            return connection.readUntilClosed(Poll.PATIENCE).trim();
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Half-closes: the bus reads the end of the stream, while its answers can still be read. */
    void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Asks for the bus's status over the wire protocol and returns its one-line answer. */
    static String statusQuery(Path socketFile) throws IOException {
        try (RawBusConnection connection = open(socketFile)) {
            connection.send("{\"type\":\"status_query\"}\n");
            return connection.readUntilClosed(Poll.PATIENCE).trim();
        }
    }

    /** Reads one line the bus sent (without its newline); fails if none is complete within {@code patience}. */
    String readLine(Duration patience) throws IOException {
        socket.setTimeout(patience);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = socket.in();
        int b;
        try {
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no line from the bus within " + patience.toMillis() + " ms; it sent: "
                    + line.toString(StandardCharsets.UTF_8));
        }
        if (b < 0) {
            throw new AssertionError("the bus closed the connection before a whole line; it sent: " + line.toString(StandardCharsets.UTF_8));
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
