package dev.evbus.bench;

import dev.evbus.busctl.BusConnection;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A producer that asks for acknowledgements as a durable-minded one would: every {@code ackEvery}
 * frames one carries {@code "ack":true}, at most {@code window} such acks are outstanding (the
 * writer waits for the oldest before sending more, so the stream stays pipelined without running
 * unboundedly ahead of the disk), and a {@code bye} with {@code sync} ends it; the run counts only
 * once the bus has answered that bye, i.e. every event is stored. Acks are read on a thread of
 * their own because the bus sends them while the writer is still writing.
 */
final class AckedPublisher {
    private static final int FLUSH_AT_BYTES = 64 * 1024;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    /** One run: events, first write to the synced bye's answer, that answer, and acks seen before it. */
    record Result(long events, long startNanos, long endNanos, Message.PublishAck last, long acks) {
        double eventsPerSecond() {
            return events * 1e9 / Math.max(1, endNanos - startNanos);
        }
    }

    private AckedPublisher() {
    }

    static Result run(Path socket, long events, int ackEvery, int window) throws IOException, InterruptedException {
        BenchPayload payload = new BenchPayload();
        long expectedAcks = events / ackEvery;
        Semaphore outstanding = new Semaphore(window);
        AtomicLong acks = new AtomicLong();
        AtomicReference<Message.PublishAck> last = new AtomicReference<>();
        AtomicLong answered = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (BusConnection connection = BusConnection.open(socket)) {
            connection.setTimeout(ACK_TIMEOUT);
            Thread reader = Thread.ofPlatform().daemon().name("ack-reader").start(() -> {
                try {
                    while (last.get() == null) {
                        Message reply = connection.receive();
                        if (reply instanceof Message.PublishAck ack) {
                            if (acks.get() < expectedAcks) {
                                acks.incrementAndGet();
                                outstanding.release();
                            } else {
                                answered.set(System.nanoTime());
                                last.set(ack); // the answer to the synced bye
                            }
                        } else if (reply instanceof Message.Error error) {
                            throw new IOException("the bus refused: " + error.message());
                        }
                    }
                } catch (Exception e) {
                    failure.set(e);
                    outstanding.release(window); // never leave the writer waiting on a dead reader
                }
            });
            ByteSink pending = new ByteSink(FLUSH_AT_BYTES + 4096);
            long start = System.nanoTime();
            for (long i = 1; i <= events && failure.get() == null; i++) {
                boolean ack = i % ackEvery == 0;
                PublishFrame.writeTo(pending, BenchPublisher.EVENT_TYPE, null, null, payload.fill(i, 0), 0,
                        BenchPayload.SIZE, ack);
                if (ack || pending.size() >= FLUSH_AT_BYTES) {
                    connection.sendRaw(pending.array(), 0, pending.size());
                    pending.reset();
                }
                if (ack) {
                    connection.flush();
                    if (!outstanding.tryAcquire(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IOException("no ack within " + ACK_TIMEOUT);
                    }
                }
            }
            connection.sendRaw(pending.array(), 0, pending.size());
            connection.send(new Message.Bye(true));
            reader.join(ACK_TIMEOUT.toMillis());
            if (failure.get() != null) {
                throw new IOException("acked publish failed: " + failure.get().getMessage(), failure.get());
            }
            if (last.get() == null) {
                throw new IOException("no answer to the synced bye within " + ACK_TIMEOUT);
            }
            return new Result(events, start, answered.get(), last.get(), acks.get());
        }
    }
}
