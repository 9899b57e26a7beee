package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The churn suite's raw protocol connections, one of four ways by turn: a consumer's hello, its
 * ack read, then a close; a hello replaying the log from its start, closed after the first line
 * while the bus may still be writing; a publish and a close without bye; a connection that closes
 * before sending anything. None says bye, so every consumer among them is one that vanished.
 */
final class RawChurn {
    /** The four ways, in turn. */
    enum Way { HELLO_THEN_CLOSE, HELLO_THEN_CLOSE_MID_READ, PUBLISH_THEN_CLOSE, CLOSE_BEFORE_SENDING }

    static final String TYPE = "churn.raw";
    private static final int SUBSCRIPTIONS = 5;

    private RawChurn() {
    }

    static Way way(int n) {
        return Way.values()[n % Way.values().length];
    }

    /** Runs connection number {@code n} against the bus at {@code socket}. */
    static void connect(Path socket, int n) {
        try (RawBusConnection connection = RawBusConnection.open(socket)) {
            switch (way(n)) {
                case HELLO_THEN_CLOSE -> {
                    connection.send(hello(n, null));
                    String ack = connection.readLine(Poll.PATIENCE);
                    assertTrue(ack.contains("\"type\":\"hello_ack\"") && ack.contains("\"rejected\":false"), "hello #" + n + ": " + ack);
                }
                case HELLO_THEN_CLOSE_MID_READ -> {
                    connection.send(hello(n, "all"));
                    connection.readLine(Poll.PATIENCE);
                }
                case PUBLISH_THEN_CLOSE -> connection.send(FrameCodec.encode(
                        new Message.Publish(TYPE + ".tick", "churn-raw-" + n, null, "{}".getBytes(), false)));
                case CLOSE_BEFORE_SENDING -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("churn connection #" + n, e);
        }
    }

    /** A raw-key consumer's hello, as {@code consume raw -p type=churn.raw.*} would send it, in one of a few subscriptions. */
    private static byte[] hello(int n, String since) {
        String types = TYPE + ".*";
        return FrameCodec.encode(new Message.Hello(ProcessHandle.current().pid(), "raw", List.of(types), ProtocolVersion.CURRENT,
                "churn-sub-" + n % SUBSCRIPTIONS, Map.of("type", types), null, 1000, false, since, null));
    }
}
