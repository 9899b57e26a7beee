package dev.evbus.busctl;

import dev.evbus.protocol.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One-shot requests to a bus: what is your state, and please exit. */
public final class BusControl {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    private BusControl() {
    }

    /** The bus's status, or empty when no bus answers on the socket. */
    public static Optional<Message.StatusResponse> status(Path socket) throws IOException {
        try (BusConnection connection = BusConnection.open(socket)) {
            connection.setReadTimeout(ANSWER_TIMEOUT);
            connection.send(new Message.StatusQuery());
            while (true) {
                Message reply = connection.receive();
                if (reply instanceof Message.StatusResponse status) {
                    return Optional.of(status);
                }
                if (reply instanceof Message.Error error) {
                    throw new IOException("the bus refused: " + error.message());
                }
            }
        } catch (NoBusException none) {
            return Optional.empty();
        }
    }

    /** Asks the bus to forget a named cursor; the answer says whether it did and why not. */
    public static Message.CursorRemoved removeCursor(Path socket, String name) throws IOException {
        try (BusConnection connection = BusConnection.open(socket)) {
            connection.setReadTimeout(ANSWER_TIMEOUT);
            connection.send(new Message.CursorRemove(name));
            while (true) {
                Message reply = connection.receive();
                if (reply instanceof Message.CursorRemoved removed) {
                    return removed;
                }
                if (reply instanceof Message.Error error) {
                    throw new IOException("the bus refused: " + error.message());
                }
            }
        }
    }

    /** Asks the bus to exit; returns once the request is sent. */
    public static void shutdown(Path socket) throws IOException {
        try (BusConnection connection = BusConnection.open(socket)) {
            connection.send(new Message.Shutdown());
        }
    }
}
