package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.busctl.BusConnection;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.ManualTime;
import dev.evbus.event.Params;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import dev.evbus.transport.ChannelStreams;
import dev.evbus.transport.UnixSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's loop against a bus that has already written every frame it will send, then hung up
 * (or not): each test's outcome depends only on those frames and the manual clock.
 */
class FrameLoopTest {
    @TempDir
    Path dir;

    private final ManualTime clock = new ManualTime();
    private final List<String> written = new ArrayList<>();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final Departure departure = new Departure("k", "sub");

    @Test
    void eventsAreWrittenUntilTheBusAnswersTheLeaveAndItsAnswerSaysWhetherThisWasTheLastConsumer() throws Exception {
        boolean last = run(null, event(1, "e1", clock.millis()), event(2, "e2", clock.millis()),
                new Message.PreShutdownAck(true));

        assertTrue(last);
        assertEquals(2, written.size());
        assertTrue(written.get(0).contains("\"event_id\":\"e1\""), written.get(0));
        assertNull(departure.reason(), "the bus let us go: no reason of our own");
    }

    @Test
    void aTimeBoundThatThisClockHasPassedEndsTheConsumeAtTheLiveEdgeAndLaterEventsAreDropped() throws Exception {
        UntilBound until = new UntilBound.Time(clock.millis() - 1);

        run(until, new Message.CaughtUp(1), event(1, "late", clock.millis() - 5));

        assertEquals(StopReason.UNTIL, departure.reason());
        assertEquals(List.of(), written, "after the stop, events are dropped");
    }

    @Test
    void aTimeBoundStillAheadOnThisClockReadsOnPastTheLiveEdge() throws Exception {
        UntilBound until = new UntilBound.Time(clock.millis() + 60_000);

        run(until, new Message.CaughtUp(1), event(1, "e1", clock.millis()));

        assertEquals(1, written.size(), "written: within the bound");
        assertEquals(StopReason.BUS_LOST, departure.reason(), "the bus hung up: that is why it ended");
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("lost the connection to the bus"));
    }

    @Test
    void aGapInSeqIsReportedAsEventsTheBusDropped() throws Exception {
        boolean last = run(null, event(1, "e1", 1), event(4, "e4", 1), new Message.PreShutdownAck(false));

        assertFalse(last);
        assertEquals(2, written.size());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("missed 2 event(s) (seq 2 to 3)"),
                errBytes.toString(StandardCharsets.UTF_8));
    }

    private static Message.Event event(long seq, String id, long sourceTime) {
        return new Message.Event("t.x", id, Long.toString(sourceTime), seq, seq, "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** A bus that writes {@code frames} and hangs up; returns what the loop returned. */
    private boolean run(UntilBound until, Message... frames) throws Exception {
        Path socket = dir.resolve("bus.sock");
        try (ServerSocketChannel server = UnixSockets.listenChannel(socket, 4)) {
            CompletableFuture<Void> bus = CompletableFuture.runAsync(() -> {
                try (SocketChannel peer = server.accept()) {
                    OutputStream out = ChannelStreams.out(peer);
                    for (Message frame : frames) {
                        out.write(FrameCodec.encode(frame));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (BusConnection connection = BusConnection.open(socket)) {
                KeyDefinition key = KeyDefinition.builder("k").eventType("t.*")
                        .nativeSchema(JsonNodeFactory.instance.objectNode()).build();
                ConsumeOptions options = new ConsumeOptions(null, "a", Map.of(), "k", Map.of(), null, false, true, null,
                        0, null, "auto", null, null, until, null, 0, null, null);
                EventShaper shaper = new EventShaper(key, Params.of(Map.of()), null, null, false, new ListSink(written),
                        err, output -> null);
                CursorCommits commits = new CursorCommits(false, departure::sendQuietly, () -> null, clock);
                departure.connected(connection);
                boolean last = new FrameLoop(connection, key, options, shaper, departure, commits, err, clock)
                        .run(dir.resolve("bus.log"));
                bus.get(10, TimeUnit.SECONDS);
                return last;
            }
        }
    }

    /** Keeps each document written as a string. */
    private record ListSink(List<String> documents) implements Sink {
        @Override
        public void write(byte[] json, int offset, int length) {
            documents.add(new String(json, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
        }

        @Override
        public long delivered() {
            return documents.size();
        }

        @Override
        public void close() {
        }
    }
}
