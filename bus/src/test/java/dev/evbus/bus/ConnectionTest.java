package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.ManualTime;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import dev.evbus.transport.PeerCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static final PeerCredentials PEER = new PeerCredentials(PeerCredentials.currentUid(), PeerCredentials.UNKNOWN, true);

    /** A peer's socket: records what arrives; a write can be held halfway until the test lets it finish. */
    private static final class Wire extends OutputStream {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CountDownLatch halfway = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean holdNextWrite;

        @Override
        public void write(int b) {
            received.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed.get()) {
                throw new IOException("closed");
            }
            if (!holdNextWrite) {
                received.write(b, off, len);
                return;
            }
            holdNextWrite = false;
            int half = len / 2;
            received.write(b, off, half);
            halfway.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (closed.get()) {
                throw new IOException("closed while blocked");
            }
            received.write(b, off + half, len - half);
        }

        void closeSocket() {
            closed.set(true);
            release.countDown();
        }
    }

    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " never reached " + state + ": " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static CompletableFuture<Void> writeAsync(Connection connection, ByteSink batch) {
        return CompletableFuture.runAsync(() -> {
            try {
                connection.write(batch);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theStopsFarewellWaitsForTheBatchBeingWrittenAndFollowsIt() throws Exception {
        Wire wire = new Wire();
        Deadlines deadlines = Deadlines.driven(TimeSource.system());
        Connection connection = new Connection(7, PEER, wire::closeSocket, null, wire, deadlines, BusLog.to(System.err));
        ByteSink batch = new ByteSink(64);
        batch.write("{\"type\":\"event\",\"seq\":1}\n{\"type\":\"event\",\"seq\":2}\n".getBytes(StandardCharsets.UTF_8));
        byte[] farewell = FrameCodec.encode(new Message.Error("bus stopped: shutdown requested"));

        wire.holdNextWrite = true;
        CompletableFuture<Void> writer = writeAsync(connection, batch);
        assertTrue(wire.halfway.await(10, TimeUnit.SECONDS));
        Thread stopper = Thread.ofPlatform().start(() -> connection.farewell(farewell, 10_000));
        awaitState(stopper, Thread.State.TIMED_WAITING); // waiting for the write lock, not writing
        wire.release.countDown();
        writer.get(10, TimeUnit.SECONDS);
        stopper.join(10_000);

        String expected = new String(batch.toByteArray(), StandardCharsets.UTF_8) + new String(farewell, StandardCharsets.UTF_8);
        assertEquals(expected, wire.received.toString(StandardCharsets.UTF_8));
        assertTrue(wire.closed.get(), "closed after the farewell");
    }

    @Test
    void aControlWriteCutByItsDeadlineIsLoggedWithWhoWhatAndHowLong() throws Exception {
        Wire wire = new Wire();
        ManualTime now = new ManualTime();
        Deadlines deadlines = Deadlines.driven(now);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Connection connection = new Connection(7, PEER, wire::closeSocket, null, wire, deadlines,
                BusLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8)));
        connection.identify("consumer pid 42 (as stated by the client)");

        wire.holdNextWrite = true;
        CompletableFuture<Void> ack = CompletableFuture.runAsync(() -> {
            try {
                connection.send(new Message.PreShutdownAck(true));
            } catch (IOException expected) {
                throw new IllegalStateException("cut", expected);
            }
        });
        assertTrue(wire.halfway.await(10, TimeUnit.SECONDS));
        now.advance(Duration.ofMillis(5_001));
        assertEquals(1, deadlines.closeOverdue());

        Exception cut = assertThrows(Exception.class, () -> ack.get(10, TimeUnit.SECONDS));
        assertTrue(cut.getCause() instanceof IllegalStateException, cut.toString());
        String line = logged.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("WARN closed consumer pid 42 (as stated by the client), connection 7 (uid "
                + PeerCredentials.currentUid() + "): writing a PreShutdownAck frame was blocked for 5001 ms (limit 5000 ms)"),
                line);
    }

    @Test
    void aFrameThePeerMayMissIsSkippedWhileABatchHoldsTheLockAndWrittenAfterIt() throws Exception {
        Wire wire = new Wire();
        Connection connection = new Connection(7, PEER, wire::closeSocket, null, wire, Deadlines.driven(TimeSource.system()),
                BusLog.to(System.err));
        ByteSink batch = new ByteSink(64);
        batch.write("{\"type\":\"event\",\"seq\":1}\n".getBytes(StandardCharsets.UTF_8));
        byte[] status = FrameCodec.encode(new Message.SourceStatus("http", "connected", null));

        wire.holdNextWrite = true;
        CompletableFuture<Void> writer = writeAsync(connection, batch);
        assertTrue(wire.halfway.await(10, TimeUnit.SECONDS));
        assertFalse(connection.offer(status, "a source_status frame", 10), "skipped: the batch holds the lock");
        wire.release.countDown();
        writer.get(10, TimeUnit.SECONDS);
        assertTrue(connection.offer(status, "a source_status frame", 10_000));

        String expected = new String(batch.toByteArray(), StandardCharsets.UTF_8) + new String(status, StandardCharsets.UTF_8);
        assertEquals(expected, wire.received.toString(StandardCharsets.UTF_8));
    }
}
