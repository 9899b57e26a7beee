package dev.evbus.busctl;

import dev.evbus.protocol.Message;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One-shot requests to a bus: what is your state, forget a cursor, and please exit. */
public final class BusControl {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    /** A reload restarts sources and the bridge: a bridge hands over what it has in flight first. */
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

    private BusControl() {
    }

    /** The bus's status, or empty when no bus answers on the socket. */
    public static Optional<Message.StatusResponse> status(Path socket) throws IOException {
        try {
            return Optional.of(ask(socket, new Message.StatusQuery(), Message.StatusResponse.class));
        } catch (NoBusException none) {
            return Optional.empty();
        }
    }

    /** Asks the bus to forget a named cursor; the answer says whether it did and why not. */
    public static Message.CursorRemoved removeCursor(Path socket, String name) throws IOException {
        return ask(socket, new Message.CursorRemove(name), Message.CursorRemoved.class);
    }

    /**
     * Asks the bus to exit; the bus decides (it refuses an unforced request while consumers are
     * attached) and answers. Empty when no bus answers on the socket, or the bus closed the
     * connection without answering (one that was already stopping).
     */
    public static Optional<Message.ShutdownAck> shutdown(Path socket, boolean force) throws IOException {
        try {
            return Optional.of(ask(socket, new Message.Shutdown(force), Message.ShutdownAck.class));
        } catch (NoBusException | EOFException none) {
            return Optional.empty();
        }
    }

    /** Asks the bus to re-read the app's config and restart what changed; the answer says what it did or why not. */
    public static Message.Reloaded reload(Path socket) throws IOException {
        return ask(socket, new Message.Reload(), Message.Reloaded.class, RELOAD_TIMEOUT);
    }

    /** Sends one first frame and returns the answer of the expected type, skipping frames it does not know. */
    private static <T extends Message> T ask(Path socket, Message request, Class<T> answer) throws IOException {
        return ask(socket, request, answer, ANSWER_TIMEOUT);
    }

    private static <T extends Message> T ask(Path socket, Message request, Class<T> answer, Duration timeout)
            throws IOException {
        try (BusConnection connection = BusConnection.open(socket)) {
            connection.setTimeout(timeout);
            connection.send(request);
            while (true) {
                Message reply = connection.receive();
                if (answer.isInstance(reply)) {
                    return answer.cast(reply);
                }
                if (reply instanceof Message.Error error) {
                    throw new IOException("the bus refused: " + error.message());
                }
            }
        }
    }
}
