package dev.evbus.bus;

import dev.evbus.bus.log.LogReader;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One attached consumer: its hello, its reader of the log, and the writer that copies what the
 * reader finds into the socket, as much as is there in one write.
 *
 * <p>Event writes have no deadline: a consumer that stops reading holds only its own place in the
 * log, and the log's retention, not the socket, decides what it loses. Control frames keep the
 * wire's 5 s deadline.
 */
final class ConsumerConnection {
    private static final long CONTROL_WRITE_DEADLINE_MS = 5_000;
    private static final int MAX_WRITE_BYTES = 256 * 1024;

    final Message.Hello hello;
    final long peerPid;
    private final Closeable socket;
    private final OutputStream out;
    private final Deadlines deadlines;
    /** Held for every socket write, so control frames never split an event batch. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Set once by the hub when the consumer is admitted, before the writer starts. */
    private volatile LogReader reader;
    private volatile RetentionLog log;
    private volatile Thread writer;
    private volatile boolean closed;
    private volatile long received;
    /** Set by the reader thread when the consumer says bye: it finished whatever cleanup it ran. */
    volatile boolean byeReceived;
    /** Guarded by the hub's lock: asked pre_shutdown_check, so no longer counted in its subscription. */
    boolean leaving;

    ConsumerConnection(Message.Hello hello, long peerPid, Closeable socket, OutputStream out, Deadlines deadlines) {
        this.hello = hello;
        this.peerPid = peerPid;
        this.socket = socket;
        this.out = out;
        this.deadlines = deadlines;
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
        ByteSink sink = new ByteSink(64 * 1024);
        try {
            while (!closed) {
                if (!reader.hasMore()) {
                    log.awaitAppend(reader.position());
                    continue;
                }
                sink.reset();
                int events = reader.read(sink, MAX_WRITE_BYTES);
                if (events > 0) {
                    write(sink, 0);
                    received += events;
                }
            }
        } catch (IOException | InterruptedException e) {
            close();
        }
    }

    void sendControl(Message message) throws IOException {
        byte[] frame = FrameCodec.encode(message);
        ByteSink sink = new ByteSink(frame.length);
        sink.write(frame);
        write(sink, CONTROL_WRITE_DEADLINE_MS);
    }

    private void write(ByteSink sink, long deadlineMillis) throws IOException {
        writeLock.lock();
        try {
            if (deadlineMillis > 0) {
                deadlines.start(socket, deadlineMillis);
            }
            sink.writeTo(out);
            out.flush();
        } finally {
            if (deadlineMillis > 0) {
                deadlines.clear(socket);
            }
            writeLock.unlock();
        }
    }

    void close() {
        closed = true;
        Thread current = writer;
        if (current != null && current != Thread.currentThread()) {
            current.interrupt();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    Message.ConsumerStatus status() {
        LogReader current = reader;
        return new Message.ConsumerStatus(hello.pid(), hello.eventKey(), hello.subscriptionId(), hello.eventTypes(),
                received, dropped(), current == null ? 0 : current.position(),
                current == null ? null : current.dropReason(), hello.durable());
    }
}
