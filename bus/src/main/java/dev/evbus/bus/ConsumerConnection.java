package dev.evbus.bus;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One attached consumer: its hello, its send queue, and the writer that drains the queue into
 * the socket, coalescing whatever is queued into a single write.
 */
final class ConsumerConnection {
    private static final long WRITE_DEADLINE_MS = 5_000;
    private static final int MAX_WRITE_BYTES = 256 * 1024;

    final Message.Hello hello;
    final long peerPid;
    private final Closeable socket;
    private final OutputStream out;
    private final SendQueue queue;
    private final Deadlines deadlines;
    /** Held for every socket write, so control frames never split an event batch. */
    private final ReentrantLock writeLock = new ReentrantLock();
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
        this.queue = new SendQueue(Math.max(1, Math.min(1000, hello.bufferSize() <= 0 ? 100 : hello.bufferSize())));
    }

    /** Queues a frame; true when the writer must be woken (see {@link SendQueue#offer}). */
    boolean enqueue(EventFrame frame) {
        return queue.offer(frame);
    }

    void wakeWriter() {
        queue.wake();
    }

    long received() {
        return received;
    }

    long dropped() {
        return queue.dropped();
    }

    /** Runs on the connection's writer thread until the queue closes or a write fails. */
    void writeLoop() {
        SendQueue.Batch batch = new SendQueue.Batch();
        ByteSink sink = new ByteSink(64 * 1024);
        try {
            while (true) {
                int count = queue.drainTo(batch);
                if (count == 0) {
                    return;
                }
                sink.reset();
                int written = 0;
                for (int i = 0; i < count; i++) {
                    batch.frames[i].writeTo(sink, batch.seqs[i]);
                    batch.frames[i] = null;
                    if (sink.size() >= MAX_WRITE_BYTES) {
                        write(sink);
                        received += i + 1 - written;
                        written = i + 1;
                        sink.reset();
                    }
                }
                if (sink.size() > 0) {
                    write(sink);
                    received += count - written;
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
        write(sink);
    }

    private void write(ByteSink sink) throws IOException {
        writeLock.lock();
        try {
            deadlines.start(socket, WRITE_DEADLINE_MS);
            sink.writeTo(out);
            out.flush();
        } finally {
            deadlines.clear(socket);
            writeLock.unlock();
        }
    }

    void close() {
        queue.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    Message.ConsumerStatus status() {
        return new Message.ConsumerStatus(hello.pid(), hello.eventKey(), hello.subscriptionId(), hello.eventTypes(),
                received, dropped());
    }
}
