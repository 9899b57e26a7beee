package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A producer's acknowledgements, in order, each sent only once the events it counts are stored:
 * at once for a memory log; for a durable log when the group commit has them on disk. Waiting
 * happens on a thread of its own, so the producer's reader keeps reading while the disk syncs.
 */
final class ProducerAcks {
    /** Writes one frame to the producer; called by one thread at a time. */
    interface Sender {
        void send(Message message) throws IOException;
    }

    private record Pending(long end, Message.PublishAck ack) {
    }

    private final RetentionLog log;
    private final Sender sender;
    private final Runnable onFailure;
    /**
     * Guards {@link #pending} and {@link #acker}, and is held across each send so acks leave in
     * order. A lock, not a monitor: a virtual thread blocked in a write under a monitor would pin
     * its carrier on JDK 21.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Acks not yet sent, oldest first. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Thread acker;
    private volatile boolean stopped;

    ProducerAcks(RetentionLog log, Sender sender, Runnable onFailure) {
        this.log = log;
        this.sender = sender;
        this.onFailure = onFailure;
    }

    /** Sends {@code ack} once every offset below {@code end} is stored. */
    void send(Message.PublishAck ack, long end) throws IOException {
        lock.lock();
        try {
            if (pending.isEmpty() && log.stored().isStored(end)) {
                sender.send(withStored(ack));
                return;
            }
            pending.addLast(new Pending(end, ack));
            if (acker == null) {
                acker = Thread.ofVirtual().name("evbus-acks").start(this::run);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                Pending next;
                lock.lock();
                try {
                    while (pending.isEmpty() && !stopped) {
                        changed.await();
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    next = pending.peekFirst();
                } finally {
                    lock.unlock();
                }
                while (!log.stored().awaitStored(next.end(), 1, TimeUnit.SECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
                lock.lock();
                try {
                    pending.removeFirst();
                    sender.send(withStored(next.ack()));
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            onFailure.run();
        }
    }

    /** Waits until every ack asked for so far is sent, or {@code millis} pass. */
    boolean drain(long millis) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!pending.isEmpty()) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Message.PublishAck withStored(Message.PublishAck ack) {
        return new Message.PublishAck(ack.accepted(), ack.duplicates(), ack.rejected(), ack.lastOffset(),
                ack.lastOffset() > 0 && log.stored().isStored(ack.lastOffset() + 1));
    }
}
