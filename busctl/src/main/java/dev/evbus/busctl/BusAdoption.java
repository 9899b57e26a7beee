package dev.evbus.busctl;

import dev.evbus.protocol.Message;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code evbus serve}'s hold on a bus that a consumer started: while this connection is open the
 * bus does not idle out, and {@link #stop} ends it as serve's own bus would end. Sends from one
 * thread (a signal's) while another waits in {@link #awaitEnd}; the socket allows one reader and
 * one writer at once.
 */
public final class BusAdoption implements AutoCloseable {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    /** How the adopted bus ended: with a farewell ({@code bus stopped: …}), or cut off without one. */
    public record End(boolean farewell, String message) {
    }

    private final BusConnection connection;
    private final long busPid;

    private BusAdoption(BusConnection connection, long busPid) {
        this.connection = connection;
        this.busPid = busPid;
    }

    /** How an attempt to adopt went. */
    public sealed interface Attempt {
        /** The bus is held: {@code adoption} keeps it until closed or stopped. */
        record Held(BusAdoption adoption) implements Attempt {
        }

        /** The bus is served already (by its own serve or an adopter): it said so in {@code reason}. */
        record Refused(String reason) implements Attempt {
        }

        /** No bus answered on the socket, or one that is stopping closed the connection. */
        record NoAnswer() implements Attempt {
        }
    }

    /** Tries to adopt the bus on {@code socket} for the process {@code pid}. */
    public static Attempt adopt(Path socket, long pid) throws IOException {
        BusConnection connection;
        try {
            connection = BusConnection.open(socket);
        } catch (NoBusException none) {
            return new Attempt.NoAnswer();
        }
        try {
            connection.setTimeout(ANSWER_TIMEOUT);
            connection.send(new Message.Adopt(pid));
            Message answer = connection.receive();
            if (answer instanceof Message.Adopted adopted) {
                connection.setTimeout(Duration.ZERO);
                return new Attempt.Held(new BusAdoption(connection, adopted.pid()));
            }
            connection.close();
            return answer instanceof Message.Error refused ? new Attempt.Refused(refused.message()) : new Attempt.NoAnswer();
        } catch (EOFException stopping) {
            connection.close();
            return new Attempt.NoAnswer();
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public long busPid() {
        return busPid;
    }

    /** Asks the bus to stop, consumers attached or not, as a signal to serve's own bus would. */
    public void stop() throws IOException {
        connection.send(new Message.Shutdown(true));
    }

    /** Waits until the bus closes the connection; says whether it said goodbye first. */
    public End awaitEnd() {
        String farewell = null;
        try {
            while (true) {
                if (connection.receive() instanceof Message.Error error) {
                    farewell = error.message();
                }
            }
        } catch (IOException closed) {
            return new End(farewell != null, farewell);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
