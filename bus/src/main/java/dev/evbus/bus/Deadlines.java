package dev.evbus.bus;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the wire's time limits (the first frame within 5 s, each write within 5 s) by closing
 * the socket of whatever overstays. Blocking socket calls have no deadline of their own, and
 * one watchdog thread is cheaper than a timer per operation.
 */
final class Deadlines implements AutoCloseable {
    private static final long TICK_MS = 200;

    /** Socket to close → System.nanoTime() after which it is closed. */
    private final Map<Closeable, Long> due = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean running = true;

    Deadlines() {
        watchdog = Thread.ofPlatform().daemon().name("evbus-deadlines").start(this::watch);
    }

    void start(Closeable socket, long timeoutMillis) {
        due.put(socket, System.nanoTime() + timeoutMillis * 1_000_000L);
    }

    void clear(Closeable socket) {
        due.remove(socket);
    }

    private void watch() {
        while (running) {
            long now = System.nanoTime();
            due.forEach((socket, deadline) -> {
                if (now - deadline > 0 && due.remove(socket, deadline)) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is all we wanted
                    }
                }
            });
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watchdog.interrupt();
    }
}
