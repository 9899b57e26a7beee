package dev.evbus.cli.e2e;

import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a {@code publish --stdin} busy from a background thread, so that events flow while the
 * test starts and kills consumers: ids {@code <prefix>0}, {@code <prefix>1}, ... in order, never
 * more than {@code window} events ahead of what a pacing consumer has printed (the flow is as fast
 * as the pipeline, and bounded), until {@link #finish()}.
 */
final class Feeder {
    private static final int BATCH = 20;

    private final EvbusProcess publisher;
    private final EvbusProcess pace;
    private final String eventType;
    private final String prefix;
    private final int window;
    private final AtomicInteger written = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private final Thread thread;

    private Feeder(EvbusProcess publisher, EvbusProcess pace, String eventType, String prefix, int window) {
        this.publisher = publisher;
        this.pace = pace;
        this.eventType = eventType;
        this.prefix = prefix;
        this.window = window;
        this.thread = Thread.ofPlatform().daemon().name("feeder-" + prefix).start(this::run);
    }

    /** Starts feeding {@code publisher}'s stdin, paced by {@code pace}'s stdout lines. */
    static Feeder start(EvbusProcess publisher, EvbusProcess pace, String eventType, String prefix, int window) {
        return new Feeder(publisher, pace, eventType, prefix, window);
    }

    private void run() {
        OutputStream in = publisher.stdin();
        try {
            while (!stopping) {
                int sent = written.get();
                if (sent - pace.stdoutCount() >= window) {
                    if (!pace.isAlive()) {
                        throw new IllegalStateException("the pacing consumer ended: " + pace.describe());
                    }
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < BATCH; i++) {
                    batch.append(line(eventType, prefix + (sent + i), sent + i));
                }
                in.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                in.flush();
                written.addAndGet(BATCH);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** How many events have been written to the publisher so far. */
    int written() {
        return written.get();
    }

    /** Stops feeding and closes the publisher's stdin; returns how many events were written in all. */
    int finish() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (failure != null) {
            throw new AssertionError("feeding " + publisher + " failed\n" + publisher.describe(), failure);
        }
        publisher.closeStdin();
        return written.get();
    }

    /** One NDJSON publish line of about 200 bytes. */
    static String line(String eventType, String id, int n) {
        return "{\"event_type\":\"" + eventType + "\",\"event_id\":\"" + id + "\",\"payload\":{\"n\":" + n
                + ",\"pad\":\"" + "0123456789abcdef".repeat(6) + "\"}}\n";
    }
}
