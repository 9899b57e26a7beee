package dev.evbus.bus;

import dev.evbus.bus.log.LogReader;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.transport.PeerCredentials;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One attached consumer: its hello, its reader of the log, and the writer that copies what the
 * reader finds into the connection, as much as is there in one write. Every write goes through
 * its {@link Connection}, under that connection's write lock.
 *
 * <p>Event writes have no deadline: a consumer that stops reading holds only its own place in the
 * log, and the log's retention, not the socket, decides what it loses. Control frames keep the
 * wire's 5 s deadline. The writer borrows a buffer only while it has events to write
 * ({@link WriteBuffers}), so an attached consumer that is up to date costs no buffer.
 */
final class ConsumerConnection {
    private static final WriteBuffers TEST_BUFFERS = new WriteBuffers(1);

    final Message.Hello hello;
    final long peerPid;
    private final Connection connection;
    private final WriteBuffers buffers;
    /** Set once by the hub when the consumer is admitted, before the writer starts. */
    private volatile LogReader reader;
    private volatile RetentionLog log;
    private volatile Thread writer;
    private volatile boolean closed;
    private volatile long received;
    /** Set by the reader thread when the consumer says bye: it finished whatever cleanup it ran. */
    volatile boolean byeReceived;
    /** The consumer's pipeline totals from its last commit (null for one without a pipeline); written by its reader thread. */
    volatile StatusParts.PipelineCounts pipelineCounts;
    /** Guarded by the hub's lock: asked pre_shutdown_check, so no longer counted in its subscription. */
    boolean leaving;

    ConsumerConnection(Message.Hello hello, Connection connection, WriteBuffers buffers) {
        this.hello = hello;
        this.peerPid = connection.peer.pid() == PeerCredentials.UNKNOWN ? hello.pid() : connection.peer.pid();
        this.connection = connection;
        this.buffers = buffers;
    }

    /** A consumer over any stream, for tests of the hub. */
    ConsumerConnection(Message.Hello hello, long peerPid, Closeable socket, OutputStream out, Deadlines deadlines) {
        this(hello, new Connection(0, new PeerCredentials(PeerCredentials.currentUid(), peerPid, true), socket, null, out,
                deadlines, BusLog.to(System.err)), TEST_BUFFERS);
    }

    /** Where this consumer reads; set by the hub under its lock when admitting it. */
    void readFrom(RetentionLog log, LogReader reader) {
        this.log = log;
        this.reader = reader;
    }

    LogReader reader() {
        return reader;
    }

    long received() {
        return received;
    }

    long dropped() {
        LogReader current = reader;
        return current == null ? 0 : current.dropped();
    }

    /** Starts the thread that copies the log to the socket. */
    void startWriter(Thread.Builder threads) {
        writer = threads.name("evbus-writer").start(this::writeLoop);
    }

    private void writeLoop() {
        buffers.writerStarted();
        boolean caughtUp = !hello.caughtUp(); // sent once, and only to a consumer whose hello asked for it
        try {
            while (!closed) {
                if (!reader.hasMore()) {
                    if (!caughtUp) {
                        // once: the consumer learns where the live edge was (see Message.CaughtUp)
                        connection.send(new Message.CaughtUp(reader.position()));
                        caughtUp = true;
                    }
                    log.awaitAppend(reader.position());
                    continue;
                }
                int batchBytes = buffers.batchBytes();
                ByteSink sink = buffers.take(batchBytes);
                try {
                    int events = reader.read(sink, batchBytes);
                    if (events > 0) {
                        connection.write(sink);
                        received += events;
                    }
                } finally {
                    buffers.give(sink); // before waiting again: an idle consumer holds no buffer
                }
            }
        } catch (IOException | InterruptedException e) {
            close();
        } finally {
            buffers.writerEnded();
        }
    }

    void sendControl(Message message) throws IOException {
        connection.send(message);
    }

    /** A frame this consumer may miss; false when it was skipped (see {@link Connection#offer}). */
    boolean offerControl(byte[] frame, String what, long lockMillis) throws IOException {
        return !closed && connection.offer(frame, what, lockMillis);
    }

    void close() {
        closed = true;
        Thread current = writer;
        if (current != null && current != Thread.currentThread()) {
            current.interrupt();
        }
        connection.close();
    }

    StatusParts.ConsumerStatus status() {
        LogReader current = reader;
        return new StatusParts.ConsumerStatus(hello.pid(), hello.eventKey(), hello.subscriptionId(), hello.eventTypes(),
                received, dropped(), current == null ? 0 : current.position(),
                current == null ? null : current.dropReason(), hello.durable(), pipelineCounts);
    }
}
