package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

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
    /** Acks not yet sent, oldest first; guarded by this object's monitor. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Thread acker;
    private boolean stopped;

    ProducerAcks(RetentionLog log, Sender sender, Runnable onFailure) {
        this.log = log;
        this.sender = sender;
        this.onFailure = onFailure;
    }

    /** Sends {@code ack} once every offset below {@code end} is stored. */
    void send(Message.PublishAck ack, long end) throws IOException {
        synchronized (this) {
            if (pending.isEmpty() && log.isStored(end)) {
                sender.send(withStored(ack));
                return;
            }
            pending.addLast(new Pending(end, ack));
            if (acker == null) {
                acker = Thread.ofVirtual().name("evbus-acks").start(this::run);
            }
            notifyAll();
        }
    }

    private void run() {
        try {
            while (true) {
                Pending next;
                synchronized (this) {
                    while (pending.isEmpty() && !stopped) {
                        wait();
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    next = pending.peekFirst();
                }
                while (!log.awaitStored(next.end(), 1, TimeUnit.SECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
                synchronized (this) {
                    pending.removeFirst();
                    sender.send(withStored(next.ack()));
                    notifyAll();
                }
            }
        } catch (IOException | InterruptedException e) {
            onFailure.run();
        }
    }

    /** Waits until every ack asked for so far is sent, or {@code millis} pass. */
    synchronized boolean drain(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!pending.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private Message.PublishAck withStored(Message.PublishAck ack) {
        return new Message.PublishAck(ack.accepted(), ack.duplicates(), ack.rejected(), ack.lastOffset(),
                ack.lastOffset() > 0 && log.isStored(ack.lastOffset() + 1));
    }
}
