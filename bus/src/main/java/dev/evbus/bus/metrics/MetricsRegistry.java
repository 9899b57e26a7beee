package dev.evbus.bus.metrics;

import java.util.List;

/**
 * Every collector of the bus, asked in order on each scrape: a new metric section is one more
 * {@link Collector} in the list. A collector that throws costs its own families only; the scrape
 * goes on with the others (its failure is a comment line, which Prometheus ignores).
 */
public final class MetricsRegistry {
    private final List<Collector> collectors;

    public MetricsRegistry(List<Collector> collectors) {
        this.collectors = List.copyOf(collectors);
    }

    /** The exposition text of every collector. */
    public String scrape() {
        StringBuilder text = new StringBuilder(8192);
        for (Collector collector : collectors) {
            Exposition out = new Exposition();
            try {
                collector.collect(out);
                text.append(out.text());
            } catch (RuntimeException failed) {
                text.append("# evbus: a collector failed: ").append(String.valueOf(failed).replace('\n', ' ')).append('\n');
            }
        }
        return text.toString();
    }
}
