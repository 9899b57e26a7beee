package dev.evbus.busctl;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * The publisher's one connection to a bus and its ack bookkeeping: every batch goes out with an
 * ack request and stays in flight, oldest first, until a {@code publish_ack} covers it. A batch in
 * flight either still holds its memory or was spilled (its bytes copied to the spool and released);
 * an ack of a spilled batch tells the spool its head was delivered. Confined to the publisher's
 * thread, like every field here.
 * <pre>
 * state     how it got there                     leaves by
 * closed    start; {@link #drop()}; synced bye    {@link #open()} (true when a bus answers)
 * open      {@link #open()}                        {@link #endWithSync}: closed, all stored, or a
 *                                                timeout after 60 s on the clock; {@link #drop()}
 * </pre>
 * While open, batches are in flight from {@link #send} until an ack covers them.
 */
final class BusLink {
    /** Turns a batch's final {@code }\n} into an ack request, as PublishFrame writes it. */
    private static final byte[] ACK_TAIL = ",\"ack\":true}\n".getBytes(StandardCharsets.UTF_8);
    /** A bus that takes this long to read a write is treated as gone: its frames go to the spool. */
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(1);
    private static final Duration SYNC_DEADLINE = Duration.ofSeconds(60);
    /** How long one wait for an answer lasts before the caller gets to take care of memory. */
    private static final Duration POLL = Duration.ofMillis(1);

    /** Told of each batch a bus acknowledged, oldest first; {@code chunk} is null for a spilled batch. */
    interface Acks {
        void acknowledged(PublishBuffer.Chunk chunk, int events);
    }

    /** One batch on this connection; {@code chunk} is null once spilled. {@code through}: frames sent up to its end. */
    private record InFlight(PublishBuffer.Chunk chunk, int events, long through) {
    }

    private final Path socket;
    private final Acks acks;
    private final TimeSource clock;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    /** Null while no bus is connected. */
    private BusConnection connection;
    /** Frames written on {@link #connection}. */
    private long framesSent;
    /** Events a bus acknowledged on this connection since the last synced bye. */
    private long unsynced;
    /** Memory bytes of the batches in flight that were not spilled. */
    private long inFlightBytes;

    BusLink(Path socket, Acks acks, TimeSource clock) {
        this.socket = socket;
        this.acks = acks;
        this.clock = clock;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** Connects; false when no bus answers. */
    boolean open() {
        try {
            connection = BusConnection.open(socket);
            connection.setTimeout(WRITE_DEADLINE);
            framesSent = 0;
            unsynced = 0;
            return true;
        } catch (IOException none) {
            return false;
        }
    }

    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    long inFlightBytes() {
        return inFlightBytes;
    }

    /** Whether batches in flight still hold memory: the spool may not take newer ones before them. */
    boolean holdsMemory() {
        return inFlightBytes > 0;
    }

    long unsynced() {
        return unsynced;
    }

    /** Whether anything went out on this connection. */
    boolean sentAny() {
        return framesSent > 0;
    }

    /**
     * Sends one batch with an ack request; it stays in flight until acknowledged. It is in flight
     * before the first byte goes out: a write that fails (the bus closed the connection meanwhile)
     * leaves it for {@link #drop()} to give back, so it is sent again, not lost.
     */
    void send(PublishBuffer.Chunk chunk) throws IOException {
        framesSent += chunk.events();
        inFlightBytes += chunk.length();
        inFlight.addLast(new InFlight(chunk, chunk.events(), framesSent));
        connection.sendRaw(chunk.bytes(), 0, chunk.length() - 2);
        connection.sendRaw(ACK_TAIL, 0, ACK_TAIL.length);
        connection.flush();
    }

    /** Sends frames that need no ack of their own (a spool file handed over; a synced bye covers them). */
    void sendUnacknowledged(ByteSink frames, long events) throws IOException {
        connection.sendRaw(frames.array(), 0, frames.size());
        framesSent += events;
    }

    /**
     * Offers the batches in flight that still hold memory, oldest first, to {@code spill}; each it
     * takes (true) is marked spilled. Stops at the first it refuses.
     */
    void spillInFlight(Predicate<PublishBuffer.Chunk> spill) {
        if (!holdsMemory()) {
            return;
        }
        Deque<InFlight> marked = new ArrayDeque<>(inFlight.size());
        boolean refused = false;
        for (InFlight batch : inFlight) {
            if (!refused && batch.chunk() != null && spill.test(batch.chunk())) {
                inFlightBytes -= batch.chunk().length();
                batch = new InFlight(null, batch.events(), batch.through());
            } else if (batch.chunk() != null) {
                refused = true;
            }
            marked.addLast(batch);
        }
        inFlight.clear();
        inFlight.addAll(marked);
    }

    /** Takes the acks already arrived, without waiting. */
    void readAcks() throws IOException {
        while (connection.reader().hasBuffered()) {
            acknowledge(awaitPublishAck());
        }
    }

    /** Waits a moment for an ack; returns quietly when none came. */
    void pollAck() throws IOException {
        connection.setTimeout(POLL);
        try {
            acknowledge(awaitPublishAck());
        } catch (SocketTimeoutException notYet) {
            // the loop goes round to take new frames
        } finally {
            connection.setTimeout(WRITE_DEADLINE);
        }
    }

    /**
     * Ends the connection with a synced bye: its answer says every frame sent on it is stored.
     * {@code whileWaiting} runs every few milliseconds until the answer comes (up to 60 s).
     */
    void endWithSync(Runnable whileWaiting) throws IOException {
        connection.flush();
        connection.send(new Message.Bye(true));
        connection.setTimeout(POLL);
        long deadline = clock.nanoTime() + SYNC_DEADLINE.toNanos();
        while (true) {
            try {
                acknowledge(awaitPublishAck());
                break;
            } catch (SocketTimeoutException notYet) {
                if (clock.nanoTime() - deadline >= 0) {
                    throw notYet;
                }
                whileWaiting.run();
            }
        }
        unsynced = 0;
        close();
    }

    /**
     * The connection is gone: returns the batches in flight that still hold memory, oldest first,
     * to go back first in line. Spilled ones are forgotten: the spool still has them.
     */
    Deque<PublishBuffer.Chunk> drop() {
        close();
        Deque<PublishBuffer.Chunk> back = new ArrayDeque<>();
        for (InFlight batch : inFlight) {
            if (batch.chunk() != null) {
                back.addLast(batch.chunk());
            }
        }
        inFlight.clear();
        inFlightBytes = 0;
        // acknowledged frames cannot be re-sent: they count as settled, though no bus confirmed storing them
        unsynced = 0;
        return back;
    }

    void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private Message.PublishAck awaitPublishAck() throws IOException {
        while (true) {
            Message reply = connection.receive();
            if (reply instanceof Message.PublishAck ack) {
                return ack;
            }
            if (reply instanceof Message.Error error) {
                throw new IOException("the bus refused: " + JsonText.quote(error.message()));
            }
        }
    }

    private void acknowledge(Message.PublishAck ack) {
        long processed = ack.accepted() + ack.duplicates() + ack.rejected();
        while (!inFlight.isEmpty() && inFlight.peekFirst().through() <= processed) {
            InFlight batch = inFlight.removeFirst();
            if (batch.chunk() != null) {
                inFlightBytes -= batch.chunk().length();
            }
            unsynced += batch.events();
            acks.acknowledged(batch.chunk(), batch.events());
        }
    }
}
