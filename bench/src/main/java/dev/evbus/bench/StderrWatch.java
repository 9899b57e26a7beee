package dev.evbus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drains a consumer's stderr (a full pipe would stall the consumer), noting when the ready line
 * came and keeping the last lines for error messages.
 */
final class StderrWatch implements Runnable {
    private static final String READY = "[event] ready ";
    private static final int KEPT_LINES = 5;

    private final InputStream in;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile long readyNanos;

    StderrWatch(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (readyNanos == 0 && line.startsWith(READY)) {
                    readyNanos = System.nanoTime();
                    ready.countDown();
                }
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > KEPT_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException closed) {
            // the consumer went away
        } finally {
            ended.countDown();
        }
    }

    /** The nanoTime of the ready line, or 0 if stderr ended or the wait timed out first. */
    long awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ready.getCount() > 0 && ended.getCount() > 0 && System.nanoTime() < deadline) {
            ready.await(20, TimeUnit.MILLISECONDS);
        }
        return readyNanos;
    }

    String tail() {
        synchronized (tail) {
            return String.join(" | ", tail);
        }
    }
}
