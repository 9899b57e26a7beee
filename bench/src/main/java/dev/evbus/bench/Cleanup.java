package dev.evbus.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/** Everything the bench starts, stopped in reverse order: at the end, on failure, and on Ctrl-C. */
final class Cleanup implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Stops one resource now, ahead of the rest. */
    void release(AutoCloseable resource) {
        synchronized (this) {
            if (!resources.remove(resource)) {
                return;
            }
        }
        closeQuietly(resource);
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = resources.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception | AssertionError e) {
            System.err.println("bench: while cleaning up: " + e);
        }
    }
}
