package dev.evbus.busctl;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import dev.evbus.spool.SpoolFile;
import dev.evbus.spool.SpoolReader;
import dev.evbus.spool.SpoolWriter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The publisher's one thread: sends batches over one connection and keeps each until a
 * {@code publish_ack} covers it, so a lost connection re-sends it (at least once; the bus drops
 * repeated ids). With no bus it writes batches to the spool instead, and once a bus answers it
 * hands its own spool files over, oldest first, before any newer batch: no frame ever overtakes
 * an older one. Everything here is confined to that thread except the volatile counters.
 */
final class PublisherLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
    /** Turns a batch's final {@code }\n} into an ack request, as PublishFrame writes it. */
    private static final byte[] ACK_TAIL = ",\"ack\":true}\n".getBytes(StandardCharsets.UTF_8);
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    /** A bus that takes this long to read a write is treated as gone: its frames go to the spool. */
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(1);
    private static final Duration SYNC_DEADLINE = Duration.ofSeconds(60);
    private static final Duration ACK_POLL = Duration.ofMillis(10);
    private static final long IDLE_WAIT_MS = 1_000;

    private record InFlight(PublishBuffer.Chunk chunk, long through) {
    }

    private final PublishBuffer buffer;
    private final Path socket;
    private final SpoolWriter spool;
    private final long diskCapBytes;
    private final int batchBytes;

    private final Deque<PublishBuffer.Chunk> unsent = new ArrayDeque<>();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private BusConnection connection;
    /** Frames written on {@link #connection}. */
    private long framesSent;
    /** Events a bus acknowledged on this connection since the last synced bye. */
    private long unsyncedOnConnection;
    /** Events acknowledged or fsynced to the spool, oldest first: what a flush waits for. */
    private long settled;
    private long spooledUnsynced;
    private long backoffMs;
    private long nextConnectNanos;
    private long droppedSeen;
    private boolean inDropBurst;
    private long flushTargetTried;
    private boolean spoolTroubleLogged;

    /** Read by {@link EventPublisher#stats()} from other threads. */
    volatile long spooledEvents;
    volatile long sentEvents;

    PublisherLoop(PublishBuffer buffer, Path socket, SpoolWriter spool, long diskCapBytes, int batchBytes) {
        this.buffer = buffer;
        this.socket = socket;
        this.spool = spool;
        this.diskCapBytes = diskCapBytes;
        this.batchBytes = batchBytes;
    }

    @Override
    public void run() {
        try {
            while (!buffer.stopping()) {
                step();
                reportDrops();
                pause();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            shutDown();
        }
    }

    private void step() {
        buffer.drainTo(unsent);
        long flushTarget = buffer.flushRequested();
        if (flushTarget > flushTargetTried) {
            flushTargetTried = flushTarget;
            nextConnectNanos = System.nanoTime(); // a flush asks again at once: a bus may have come since the last try
        }
        if (connection == null && hasWorkForBus() && System.nanoTime() - nextConnectNanos >= 0) {
            connect();
        }
        if (connection != null) {
            try {
                serveBus();
            } catch (IOException e) {
                lost(e);
            }
        }
        if (connection == null) {
            spoolUnsent();
            long target = buffer.flushRequested();
            if (target > 0 && unsent.isEmpty()) {
                syncSpool();
                buffer.flushedThrough(Math.min(target, settled));
            }
        }
    }

    private void serveBus() throws IOException {
        readAcks();
        boolean spoolFirst = spool.oldest() != null;
        if (spoolFirst && inFlight.isEmpty()) {
            handOver(spool.oldest());
            return;
        }
        if (buffer.counts().heldBytes() > buffer.capBytes() / 2) {
            if (!inFlight.isEmpty()) {
                throw new IOException("the bus reads too slowly; spooling");
            }
            spoolUnsent(); // nothing in flight: the spool takes over, and is handed over next
            return;
        }
        if (spoolFirst) {
            return; // older frames from before the spool are still in flight
        }
        while (!unsent.isEmpty()) {
            PublishBuffer.Chunk chunk = unsent.removeFirst();
            sendWithAck(chunk.bytes(), chunk.length());
            framesSent += chunk.events();
            inFlight.addLast(new InFlight(chunk, framesSent));
        }
        long target = buffer.flushRequested();
        if (target > 0 && inFlight.isEmpty()) {
            if (unsyncedOnConnection > 0) {
                endWithSync();
            }
            buffer.flushedThrough(Math.min(target, settled));
        }
    }

    /** Sends one of this publisher's spool files, waits until the bus has stored it, then deletes it. */
    private void handOver(SpoolFile file) throws IOException {
        syncSpool(); // what is spooled so far is on disk: a flush may count it
        spool.seal();
        SpoolReader reader = file.reader((path, offset, reason) -> LOG.log(System.Logger.Level.WARNING,
                "spool file " + JsonText.quote(path.toString()) + " at byte " + offset + ": " + reason + "; skipped"));
        ByteSink batch = new ByteSink(batchBytes + 4096);
        long events = 0;
        for (Message.Publish p = reader.next(); p != null; p = reader.next()) {
            PublishFrame.writeTo(batch, p.eventType(), p.eventId(), p.sourceTime(), p.payload(), 0, p.payload().length, false);
            events++;
            if (batch.size() >= batchBytes) {
                connection.sendRaw(batch.array(), 0, batch.size());
                batch.reset();
                buffer.drainTo(unsent);
                if (buffer.counts().heldBytes() > buffer.capBytes() / 2) {
                    spoolUnsent(); // newer than this file, so a later file keeps the order
                }
            }
        }
        if (batch.size() > 0) {
            connection.sendRaw(batch.array(), 0, batch.size());
        }
        if (events > 0 || framesSent > 0) {
            endWithSync();
        }
        long handed = file.events();
        spool.delete(file);
        spooledEvents = spool.events();
        sentEvents += handed;
    }

    /** Ends the connection with a synced bye: its answer says every frame sent on it is stored. */
    private void endWithSync() throws IOException {
        connection.flush();
        connection.send(new Message.Bye(true));
        connection.setReadTimeout(SYNC_DEADLINE);
        Message.PublishAck ack = awaitPublishAck();
        acknowledge(ack);
        unsyncedOnConnection = 0;
        closeConnection();
        nextConnectNanos = System.nanoTime();
    }

    private void sendWithAck(byte[] frames, int length) throws IOException {
        connection.sendRaw(frames, 0, length - 2);
        connection.sendRaw(ACK_TAIL, 0, ACK_TAIL.length);
        connection.flush();
    }

    private void readAcks() throws IOException {
        while (connection.reader().hasBuffered()) {
            acknowledge(awaitPublishAck());
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
            PublishBuffer.Chunk chunk = inFlight.removeFirst().chunk();
            buffer.release(chunk.length(), chunk.events());
            settled += chunk.events();
            unsyncedOnConnection += chunk.events();
            sentEvents += chunk.events();
        }
    }

    private void connect() {
        try {
            connection = BusConnection.open(socket);
            connection.setReadTimeout(WRITE_DEADLINE);
            framesSent = 0;
            backoffMs = 0;
        } catch (IOException none) {
            backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(2 * backoffMs, MAX_BACKOFF_MS);
            nextConnectNanos = System.nanoTime() + PublishBuffer.nanos(backoffMs);
        }
    }

    /** The connection is gone: frames it did not acknowledge go back first in line, to be sent or spooled. */
    private void lost(IOException why) {
        LOG.log(System.Logger.Level.DEBUG, "bus connection lost: " + why.getMessage());
        closeConnection();
        while (!inFlight.isEmpty()) {
            unsent.addFirst(inFlight.removeLast().chunk());
        }
        // acknowledged frames cannot be re-sent: count them as settled, though no bus confirmed storing them
        unsyncedOnConnection = 0;
        backoffMs = FIRST_BACKOFF_MS;
        nextConnectNanos = System.nanoTime() + PublishBuffer.nanos(backoffMs);
    }

    private void spoolUnsent() {
        while (!unsent.isEmpty()) {
            PublishBuffer.Chunk chunk = unsent.peekFirst();
            if (spool.bytes() + chunk.length() > diskCapBytes) {
                return; // the disk cap is reached: the frames wait in memory, and callers see drops once it is full
            }
            try {
                spool.append(chunk.bytes(), 0, chunk.length(), chunk.events());
            } catch (IOException e) {
                logSpoolTrouble(e);
                return;
            }
            unsent.removeFirst();
            buffer.release(chunk.length(), chunk.events());
            spooledUnsynced += chunk.events();
        }
        spooledEvents = spool.events();
    }

    private void syncSpool() {
        try {
            spool.sync();
            settled += spooledUnsynced;
            spooledUnsynced = 0;
        } catch (IOException e) {
            logSpoolTrouble(e);
        }
    }

    private void logSpoolTrouble(IOException e) {
        if (!spoolTroubleLogged) {
            spoolTroubleLogged = true;
            LOG.log(System.Logger.Level.WARNING, "cannot write the spool: " + e.getMessage());
        }
    }

    /** Logs once per burst of drops, when it starts; a round of the loop without new drops ends the burst. */
    private void reportDrops() {
        long dropped = buffer.counts().dropped();
        if (dropped > droppedSeen && !inDropBurst) {
            LOG.log(System.Logger.Level.WARNING, "dropping events: the memory buffer (" + buffer.capBytes()
                    + " bytes) and the spool (" + diskCapBytes + " bytes) are full; " + dropped + " dropped so far");
        }
        inDropBurst = dropped > droppedSeen;
        droppedSeen = dropped;
    }

    private void pause() throws InterruptedException {
        if (connection != null && !inFlight.isEmpty()) {
            try {
                connection.setReadTimeout(ACK_POLL);
                acknowledge(awaitPublishAck());
            } catch (SocketTimeoutException notYet) {
                // the loop goes round to take new frames
            } catch (IOException e) {
                lost(e);
            } finally {
                restoreWriteDeadline();
            }
            return;
        }
        long waitMs = IDLE_WAIT_MS;
        if (connection == null && hasWorkForBus()) {
            waitMs = Math.max(0, (nextConnectNanos - System.nanoTime()) / 1_000_000);
        }
        buffer.awaitWork(PublishBuffer.nanos(waitMs));
    }

    private void restoreWriteDeadline() {
        if (connection != null) {
            try {
                connection.setReadTimeout(WRITE_DEADLINE);
            } catch (IOException e) {
                lost(e);
            }
        }
    }

    private boolean hasWorkForBus() {
        return !unsent.isEmpty() || spool.oldest() != null || buffer.hasFrames();
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** At the stop: frames still in memory go to the spool if they fit; the rest are counted and logged as dropped. */
    private void shutDown() {
        closeConnection();
        while (!inFlight.isEmpty()) {
            unsent.addFirst(inFlight.removeLast().chunk());
        }
        buffer.drainTo(unsent);
        spoolUnsent();
        long lost = 0;
        for (PublishBuffer.Chunk chunk : unsent) {
            buffer.release(chunk.length(), chunk.events());
            lost += chunk.events();
        }
        if (lost > 0) {
            buffer.lost(lost);
            LOG.log(System.Logger.Level.WARNING, "closing: " + lost + " events neither reached a bus nor fit the spool");
        }
        try {
            spool.close();
        } catch (IOException e) {
            logSpoolTrouble(e);
        }
    }
}
