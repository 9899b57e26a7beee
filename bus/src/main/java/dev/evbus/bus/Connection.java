package dev.evbus.bus;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import dev.evbus.transport.ChannelStreams;
import dev.evbus.transport.PeerCredentials;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted connection and the only way anything is written to it: every write, event batch,
 * control frame or farewell, holds {@link #writeLock}, so frames never interleave. Control frames
 * get the wire's 5 s deadline; when one passes, the bus log says which connection, who, what was
 * blocked and for how long.
 */
final class Connection {
    static final long CONTROL_WRITE_DEADLINE_MS = 5_000;

    /** Numbered in accept order, so log lines about one connection can be told from another's. */
    final long id;
    final PeerCredentials peer;
    /** The socket, or null for a connection over plain streams (tests). */
    private final SocketChannel channel;
    private final Closeable closer;
    private final InputStream in;
    private final OutputStream out;
    private final Deadlines deadlines;
    private final BusLog log;
    /** Held for every write to the peer. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Who the peer is, once its first frame says so (a consumer's stated pid); for log lines. */
    private volatile String who;

    Connection(long id, PeerCredentials peer, Closeable closer, InputStream in, OutputStream out, Deadlines deadlines,
               BusLog log) {
        this(id, peer, null, closer, in, out, deadlines, log);
    }

    private Connection(long id, PeerCredentials peer, SocketChannel channel, Closeable closer, InputStream in,
                       OutputStream out, Deadlines deadlines, BusLog log) {
        this.id = id;
        this.channel = channel;
        this.peer = peer;
        this.closer = closer;
        this.in = in;
        this.out = out;
        this.deadlines = deadlines;
        this.log = log;
        this.who = "connection " + id + " (" + peer.describe() + ")";
    }

    static Connection of(long id, SocketChannel channel, PeerCredentials peer, Deadlines deadlines, BusLog log) {
        return new Connection(id, peer, channel, channel, ChannelStreams.in(channel), ChannelStreams.out(channel), deadlines, log);
    }

    InputStream in() {
        return in;
    }

    void deepenSendBuffer(int bytes) throws IOException {
        if (channel != null) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
        }
    }

    /** Names the peer in later log lines, e.g. {@code consumer pid 42 (stated by the client)}. */
    void identify(String description) {
        this.who = description + ", connection " + id + " (" + peer.describe() + ")";
    }

    String who() {
        return who;
    }

    /** Closes the connection unless {@link #endDeadline} comes within {@code millis}: reads have no timeout of their own. */
    Deadlines.Deadline readDeadline(long millis) {
        return deadlines.start(closer, millis);
    }

    void endDeadline(Deadlines.Deadline deadline) {
        deadlines.clear(deadline);
    }

    /** A control frame (an answer, an ack, an error), within the wire's 5 s. */
    void send(Message message) throws IOException {
        byte[] frame = FrameCodec.encode(message);
        writeLock.lock();
        try {
            writeTimed(frame, CONTROL_WRITE_DEADLINE_MS, "a " + message.getClass().getSimpleName() + " frame");
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A frame the peer may miss (a {@code source_status}): written between two batches within the
     * wire's 5 s, but only if the write lock comes within {@code lockMillis}. A writer blocked on a
     * peer that stopped reading keeps the lock; then the frame is skipped and this returns false.
     */
    boolean offer(byte[] frame, String what, long lockMillis) throws IOException {
        boolean locked = false;
        try {
            locked = writeLock.tryLock(lockMillis, TimeUnit.MILLISECONDS);
            if (locked) {
                writeTimed(frame, CONTROL_WRITE_DEADLINE_MS, what);
            }
            return locked;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    /** A batch of event frames; no deadline: retention, not the socket, decides what a slow consumer loses. */
    void write(ByteSink batch) throws IOException {
        writeLock.lock();
        try {
            batch.writeTo(out);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The bus is stopping: writes {@code frame} between two batches, never inside one, and closes.
     * A writer stuck on a peer that stopped reading keeps the lock; after {@code millis} the
     * connection is closed without the frame, which that peer would not have read anyway.
     */
    void farewell(byte[] frame, long millis) {
        boolean locked = false;
        try {
            locked = writeLock.tryLock(millis, TimeUnit.MILLISECONDS);
            if (locked) {
                writeTimed(frame, millis, "the farewell frame");
            }
        } catch (IOException | InterruptedException gone) {
            // the peer is gone already, or the stop is in a hurry
        } finally {
            close();
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    private void writeTimed(byte[] frame, long millis, String what) throws IOException {
        Deadlines.Deadline deadline = deadlines.start(closer, millis, what, this::logExpiry);
        try {
            out.write(frame);
            out.flush();
        } finally {
            deadlines.clear(deadline);
        }
    }

    private void logExpiry(Deadlines.Deadline deadline, long blockedNanos) {
        log.warn("closed " + who + ": writing " + deadline.what + " was blocked for "
                + TimeUnit.NANOSECONDS.toMillis(blockedNanos) + " ms (limit "
                + TimeUnit.NANOSECONDS.toMillis(deadline.dueNanos - deadline.startedNanos)
                + " ms): the peer stopped reading");
    }

    void close() {
        try {
            closer.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
