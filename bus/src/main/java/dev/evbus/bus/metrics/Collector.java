package dev.evbus.bus.metrics;

/** Writes some metric families on every scrape: the bus's, the process's, and any new kind of thing the bus runs. */
@FunctionalInterface
public interface Collector {
    void collect(Exposition out);
}
