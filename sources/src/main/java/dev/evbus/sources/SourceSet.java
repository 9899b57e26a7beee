package dev.evbus.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bus's sources together: builds, starts, reports and closes them, each apart from the
 * others. A source that fails to build or start is logged, reported {@code disconnected} with
 * why, and told to its listener; the bus and the other sources go on. Whether a bus with no
 * running source should go on is its caller's decision ({@link #start} says how many run).
 *
 * <p>Threads: {@link #start} and {@link #close} run on the daemon's thread, once each;
 * {@link #reports} on any connection's thread, at any time.
 */
public final class SourceSet implements AutoCloseable {

    /** One configured source. {@code source} is null when it could not be built. */
    private static final class Entry {
        final String name;
        final String kind;
        final Source source;
        /** Why it is not running (failed to build or start), or null; written by the daemon's thread, read by status queries. */
        volatile String failure;

        Entry(String name, String kind, Source source, String failure) {
            this.name = name;
            this.kind = kind;
            this.source = source;
            this.failure = failure;
        }
    }

    private final List<Entry> entries;
    private final SourceListener listener;
    private final Consumer<String> info;
    private final Consumer<String> warn;

    private SourceSet(List<Entry> entries, SourceListener listener, Consumer<String> info, Consumer<String> warn) {
        this.entries = List.copyOf(entries);
        this.listener = listener;
        this.info = info;
        this.warn = warn;
    }

    /**
     * Builds every planned source with the context {@code contexts} gives for its name. The
     * {@code listener} is the one the contexts carry; it also hears of sources that fail here.
     */
    public static SourceSet build(SourcesConfig config, Function<String, SourceFactory.Context> contexts,
                                  SourceListener listener, Consumer<String> info, Consumer<String> warn) {
        List<Entry> entries = new ArrayList<>();
        for (SourcesConfig.Planned planned : config.plans()) {
            try {
                entries.add(new Entry(planned.name(), planned.kind(), planned.plan().build(contexts.apply(planned.name())), null));
            } catch (RuntimeException failed) {
                String why = "could not be built: " + message(failed);
                warn.accept("source " + SourcesConfig.quote(planned.name()) + " could not be built: "
                        + SourcesConfig.quote(message(failed)));
                entries.add(new Entry(planned.name(), planned.kind(), null, why));
            }
        }
        return new SourceSet(entries, listener, info, warn);
    }

    /** An empty set, for a bus without sources. */
    public static SourceSet none() {
        return new SourceSet(List.of(), (source, state, detail) -> { }, line -> { }, line -> { });
    }

    public int size() {
        return entries.size();
    }

    /** Starts every source built; returns how many run. One that fails is logged, reported and told to the listener. */
    public int start() {
        int running = 0;
        for (Entry entry : entries) {
            if (entry.source == null) {
                listener.changed(entry.name, SourceState.DISCONNECTED, entry.failure);
                continue;
            }
            try {
                entry.source.start();
            } catch (Exception failed) {
                entry.failure = "did not start: " + message(failed);
                warn.accept("source " + SourcesConfig.quote(entry.name) + " did not start: " + SourcesConfig.quote(message(failed))
                        + "; the bus and its other sources go on");
                listener.changed(entry.name, SourceState.DISCONNECTED, entry.failure);
                continue;
            }
            running++;
            SourceReport report = report(entry);
            info.accept("source " + SourcesConfig.quote(entry.name) + " started: " + report.kind() + " at "
                    + SourcesConfig.quote(report.address()) + ", " + report.state().wireName());
        }
        return running;
    }

    /** Every source as {@code status} shows it, in start order. Never throws: a failing report becomes one naming the fault. */
    public List<SourceReport> reports() {
        List<SourceReport> reports = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            reports.add(report(entry));
        }
        return reports;
    }

    private static SourceReport report(Entry entry) {
        SourceReport own = null;
        String fault = null;
        if (entry.source != null) {
            try {
                own = entry.source.report();
            } catch (RuntimeException failed) {
                fault = "report failed: " + message(failed);
            }
        }
        String failure = entry.failure != null ? entry.failure : fault;
        if (failure == null && own != null) {
            return own;
        }
        return new SourceReport(entry.name, entry.kind, own == null ? null : own.address(), SourceState.DISCONNECTED,
                own == null ? 0 : own.eventsIn(), own == null ? 0 : own.errors(), own == null ? 0 : own.lastEventAt(), failure);
    }

    /** Closes every source, last started first; one that throws is logged and the rest still close. */
    @Override
    public void close() {
        for (Entry entry : entries.reversed()) {
            if (entry.source == null) {
                continue;
            }
            try {
                entry.source.close();
            } catch (RuntimeException failed) {
                warn.accept("source " + SourcesConfig.quote(entry.name) + " failed to close: " + SourcesConfig.quote(message(failed)));
            }
        }
    }

    private static String message(Exception failed) {
        String message = failed.getMessage();
        return message == null ? failed.getClass().getSimpleName() : message;
    }
}
