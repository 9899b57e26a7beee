package dev.evbus.bus.metrics;

import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The bus's own families: what became of published events per type, the retention log, the
 * open connections, and the consumers and cursors; from one {@link BusSnapshot} per scrape.
 * Sources and the bridge are {@link FeedMetrics}.
 */
public final class BusMetrics implements Collector {
    /** The type label of the bucket shared by every type past the bound (the bus names it {@code *}). */
    static final String OTHER = "other";
    private static final String BUCKET = "*";

    private final Supplier<BusSnapshot> snapshots;

    public BusMetrics(Supplier<BusSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void collect(Exposition out) {
        BusSnapshot snapshot = snapshots.get();
        Message.StatusResponse status = snapshot.status();
        out.gauge("evbus_bus_info", "The bus: its app and protocol version (always 1).")
                .sample(1, "app", status.app(), "version", status.version());
        out.gauge("evbus_uptime_seconds", "Seconds since the bus started.").sample(status.uptimeSec());
        out.gauge("evbus_connections", "Open connections to the bus's socket (consumers, producers, status queries).")
                .sample(status.activeConns());
        events(out, snapshot.types(), status.unmatched());
        log(out, status.log());
        consumers(out, status.consumers(), status.log());
        cursors(out, status.cursors());
        new FeedMetrics(status.sources(), status.bridge()).collect(out);
        new PipelineMetrics(status.pipelines()).collect(out);
    }

    private static void events(Exposition out, List<TypeCounts> types, Map<String, Long> unmatched) {
        perType(out.counter("evbus_events_accepted_total", "Events accepted into the log, per type."),
                types, TypeCounts::accepted);
        perType(out.counter("evbus_events_duplicates_total", "Events dropped because their id was seen before, per type."),
                types, TypeCounts::duplicates);
        perType(out.counter("evbus_events_rejected_total", "Events refused by the publish checks, per type."),
                types, TypeCounts::rejected);
        Exposition.Family family = out.counter("evbus_events_unmatched_total",
                "Accepted events that no attached consumer selected when they arrived, per type.");
        unmatched.forEach((type, count) -> family.sample(count, "type", label(type)));
    }

    private static void perType(Exposition.Family family, List<TypeCounts> types, ToLongFunction<TypeCounts> value) {
        for (TypeCounts counts : types) {
            family.sample(value.applyAsLong(counts), "type", label(counts.type()));
        }
    }

    private static String label(String type) {
        return BUCKET.equals(type) ? OTHER : type;
    }

    private static void log(Exposition out, StatusParts.LogStatus log) {
        out.gauge("evbus_log_bytes", "Bytes the retention log holds.").sample(log.bytes());
        out.gauge("evbus_log_events", "Events the retention log holds.").sample(log.events());
        out.gauge("evbus_log_oldest_age_seconds", "Age of the oldest event the retention log holds (0 when empty).")
                .sample(log.oldestAgeMs() / 1000.0);
        out.gauge("evbus_log_max_bytes", "The retention log's limit in bytes (retention.max_bytes).").sample(log.maxBytes());
        out.gauge("evbus_log_max_age_seconds", "The retention log's age limit (retention.max_age).")
                .sample(log.maxAgeMs() / 1000.0);
        out.gauge("evbus_log_end_offset", "The offset the next accepted event gets.").sample(log.lastOffset() + 1);
    }

    private static void consumers(Exposition out, List<StatusParts.ConsumerStatus> consumers, StatusParts.LogStatus log) {
        out.gauge("evbus_consumers", "Consumers attached now.").sample(consumers.size());
        Function<StatusParts.ConsumerStatus, String[]> labels = c -> new String[] {
            "key", c.eventKey(), "subscription", Objects.toString(c.subscriptionId(), ""), "pid", Long.toString(c.pid())};
        Exposition.Family received = out.counter("evbus_consumer_received_total", "Events sent to an attached consumer.");
        consumers.forEach(c -> received.sample(c.received(), labels.apply(c)));
        Exposition.Family dropped = out.counter("evbus_consumer_dropped_total",
                "Events an attached consumer lost because retention removed them before it read them.");
        consumers.forEach(c -> dropped.sample(c.dropped(), labels.apply(c)));
        Exposition.Family lag = out.gauge("evbus_consumer_lag", "Events in the log after an attached consumer's position.");
        consumers.forEach(c -> lag.sample(Math.max(0, log.lastOffset() + 1 - c.position()), labels.apply(c)));
        Exposition.Family state = out.gauge("evbus_consumer_state",
                "An attached consumer's state (1 for the current one): reading, or dropping when retention outran it.");
        for (StatusParts.ConsumerStatus c : consumers) {
            boolean dropping = c.dropReason() != null;
            state.sample(dropping ? 0 : 1, with(labels.apply(c), "state", "reading"));
            state.sample(dropping ? 1 : 0, with(labels.apply(c), "state", "dropping"));
        }
    }

    private static void cursors(Exposition out, List<StatusParts.CursorStatus> cursors) {
        Exposition.Family lag = out.gauge("evbus_cursor_lag", "Events in the log after a named cursor's committed offset.");
        for (StatusParts.CursorStatus c : cursors) {
            lag.sample(c.lag(), "cursor", c.name(), "key", c.eventKey(), "subscription", Objects.toString(c.subscriptionId(), ""));
        }
    }

    static String[] with(String[] labels, String name, String value) {
        String[] more = Arrays.copyOf(labels, labels.length + 2);
        more[labels.length] = name;
        more[labels.length + 1] = value;
        return more;
    }
}
