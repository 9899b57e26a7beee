package dev.evbus.bench;

/** One publisher connection's run: how many events, over which interval, and what the bus accepted. */
record PublishRun(long events, long startNanos, long endNanos, long accepted) {

    double eventsPerSecond() {
        return events * 1e9 / Math.max(1, endNanos - startNanos);
    }
}
