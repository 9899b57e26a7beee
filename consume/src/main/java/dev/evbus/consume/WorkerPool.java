package dev.evbus.consume;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Runs the shaper on several threads for keys that declare {@code workers > 1}; output order is
 * then not kept. The reader submits; the queue is short, so a slow shaper holds the reader back
 * (and the bus then sees a slow consumer) instead of piling events up here.
 */
final class WorkerPool {
    private final BlockingQueue<Message.Event> work;
    private final Thread[] threads;
    private final BiConsumer<Message.Event, ByteSink> deliver;
    private final Runnable drained;
    /** Submitted but not yet delivered: raised by the reader, lowered by the workers. */
    private final AtomicLong inFlight = new AtomicLong();
    private final Message.Event poison = new Message.Event("", null, "0", 0, 0, new byte[0]);
    /** Only the reader thread finishes the pool. */
    private boolean finished;

    /**
     * @param deliver runs on a worker for each event, with that worker's own scratch buffer
     * @param drained runs on the worker that finished the last event in flight, so output is flushed
     *                as soon as nothing is left to write
     */
    WorkerPool(int workers, BiConsumer<Message.Event, ByteSink> deliver, Runnable drained) {
        this.deliver = deliver;
        this.drained = drained;
        this.work = new ArrayBlockingQueue<>(workers * 4);
        this.threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            threads[i] = Thread.ofVirtual().name("evbus-worker-" + i).start(this::work);
        }
    }

    void submit(Message.Event event) {
        inFlight.incrementAndGet();
        try {
            work.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when every submitted event was delivered: only then may the reader flush. */
    boolean idle() {
        return inFlight.get() == 0;
    }

    private void work() {
        ByteSink scratch = new ByteSink(4096);
        try {
            while (true) {
                Message.Event event = work.take();
                if (event == poison) {
                    return;
                }
                deliver.accept(event, scratch);
                if (inFlight.decrementAndGet() == 0) {
                    drained.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the workers finish what was submitted, then waits for them; safe to call twice. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (int i = 0; i < threads.length; i++) {
            try {
                work.put(poison);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
