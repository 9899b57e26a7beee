package dev.evbus.bus.metrics;

import java.util.Locale;

/** The metric types this bus exposes, as the exposition format's {@code # TYPE} line names them. */
public enum MetricType {
    /** Only goes up (restarts from 0 with the process); its name ends in {@code _total}. */
    COUNTER,
    /** A value that goes up and down. */
    GAUGE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
