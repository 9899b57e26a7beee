package dev.evbus.bus;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.sources.SourceListener;
import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns each change of a source's state into a log line and a {@code source_status} frame to
 * every attached consumer, best effort. The source's thread only logs and queues (it must not
 * block); one sender thread writes the frames, in order: each frame goes to all consumers at
 * once and the next waits until every write ended, so a consumer sees a source's changes in the
 * order they happened. A consumer whose writer is stuck on a full socket keeps its write lock and
 * misses the frame ({@link Connection#offer}); a burst of more than {@link #QUEUED} changes
 * before the sender catches up loses the oldest. {@code status} always shows the current state.
 */
final class SourceBroadcast implements SourceListener, AutoCloseable {
    static final int QUEUED = 64;
    /** How long a frame waits for a consumer's writer to finish its batch. */
    static final long LOCK_MILLIS = 200;

    private final Supplier<ConsumerConnection[]> consumers;
    private final BusLog log;
    /** Frames not sent yet, oldest first; guarded by itself. */
    private final ArrayDeque<Message.SourceStatus> pending = new ArrayDeque<>();
    private final Thread sender;

    SourceBroadcast(Supplier<ConsumerConnection[]> consumers, BusLog log) {
        this.consumers = consumers;
        this.log = log;
        this.sender = Thread.ofVirtual().name("evbus-source-status").start(this::sendLoop);
    }

    @Override
    public void changed(String source, SourceState state, String detail) {
        log.info("source " + JsonText.quote(source) + " " + state.wireName() + (detail == null ? "" : ": " + JsonText.quote(detail)));
        synchronized (pending) {
            if (pending.size() == QUEUED) {
                Message.SourceStatus lost = pending.removeFirst();
                log.warn("source_status " + JsonText.quote(lost.source()) + " " + lost.state()
                        + " not sent: more than " + QUEUED + " changes waiting");
            }
            // Consumers print the detail on a stderr line scripts read: no control character may split it.
            pending.addLast(new Message.SourceStatus(source, state.wireName(),
                    detail == null ? null : detail.replaceAll("\\p{Cntrl}", " ")));
            pending.notifyAll();
        }
    }

    private void sendLoop() {
        try {
            while (true) {
                Message.SourceStatus next;
                synchronized (pending) {
                    while (pending.isEmpty()) {
                        pending.wait();
                    }
                    next = pending.removeFirst();
                }
                sendToAll(FrameCodec.encode(next));
            }
        } catch (InterruptedException stopping) {
            // the bus is stopping: frames not sent yet are moot
        }
    }

    private void sendToAll(byte[] frame) throws InterruptedException {
        List<Thread> writes = new ArrayList<>();
        for (ConsumerConnection consumer : consumers.get()) {
            writes.add(Thread.ofVirtual().name("evbus-source-status-write").start(() -> offer(consumer, frame)));
        }
        for (Thread write : writes) {
            write.join();
        }
    }

    private void offer(ConsumerConnection consumer, byte[] frame) {
        try {
            consumer.offerControl(frame, "a source_status frame", LOCK_MILLIS);
        } catch (IOException gone) {
            // the consumer left, or its write deadline passed and closed it (logged by its connection)
        }
    }

    /** Stops sending; called once the sources are closed, as the bus stops. */
    @Override
    public void close() {
        sender.interrupt();
    }
}
