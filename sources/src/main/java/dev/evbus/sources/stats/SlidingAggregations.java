package dev.evbus.sources.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.sources.StreamStatistics;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * SPEC §12's statistics over every event the bus accepts. Time is cut into intervals aligned to
 * multiples of {@code interval} since the epoch (by the accepted time the bus gives each event); a
 * window is {@code window / interval} consecutive intervals and a new one starts every interval.
 * {@link #aggregations()} lists, oldest first, the last {@code max_windows} windows that end at an
 * interval boundary up to the end of the current interval (so the last one is still open and its
 * end is in the future), leaving out windows without events; start and end are epoch milliseconds.
 *
 * <p>Memory: a ring of {@code window / interval + max_windows - 1} slices, one per interval, each
 * capped (see {@link #sourceCapPerSlice}), reused as time moves on; an event older than the ring
 * counts in the totals and metrics but in no window.
 *
 * <p>Concurrency: {@link #accepted} may run on several publishing threads at once. It parses the
 * payload without any lock, then holds only the lock of the one slice its interval maps to; the
 * counters are {@link LongAdder}s and atomics, the metrics a concurrent map. Queries lock one
 * slice at a time, so they see each slice whole but the ring as it moves.
 */
public final class SlidingAggregations implements StreamStatistics {
    /** Distinct sources all slices may hold together; a slice holds at most 10,000. */
    static final int SOURCE_BUDGET = 120_000;
    /** Types all slices may tell apart together; a slice tells at most 1,000. */
    static final int TYPE_BUDGET = 12_000;

    private final AggregationConfig config;
    /** Wall time in epoch millis: the bus's clock, a test's hand. */
    private final LongSupplier clock;
    private final PayloadFields fields;
    private final Slice[] ring;
    private final int sourceCap;
    private final int typeCap;
    private final long startedAt;
    private final SourceMetrics metrics = new SourceMetrics();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder processedNanos = new LongAdder();
    /** The latest accepted time seen, or -1 before the first event. */
    private final AtomicLong lastAcceptedAt = new AtomicLong(-1);

    public SlidingAggregations(AggregationConfig config, Clock clock) {
        this(config, clock::millis);
    }

    SlidingAggregations(AggregationConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.fields = new PayloadFields(config.field(), config.sourceField());
        this.ring = new Slice[config.slices()];
        this.sourceCap = sourceCapPerSlice(ring.length);
        this.typeCap = Math.min(1_000, TYPE_BUDGET / ring.length);
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Slice(new Aggregate(sourceCap, typeCap, !config.percentiles().isEmpty()));
        }
        this.startedAt = clock.getAsLong();
    }

    /** 10,000 with the default settings; fewer when many slices share {@link #SOURCE_BUDGET}. */
    static int sourceCapPerSlice(int slices) {
        return Math.min(10_000, SOURCE_BUDGET / slices);
    }

    @Override
    public void accepted(String eventType, byte[] payload, long acceptedAtMillis) {
        PayloadFields.Reading reading = fields.read(payload);
        String type = PayloadFields.bounded(eventType);
        long interval = Math.floorDiv(acceptedAtMillis, config.intervalMillis());
        slot(interval).add(interval, type, reading.value(), reading.source());
        accepted.increment();
        lastAcceptedAt.accumulateAndGet(acceptedAtMillis, Math::max);
        metrics.count(type, reading.source());
    }

    @Override
    public void filtered(long count) {
        filtered.add(count);
    }

    @Override
    public void processed(long nanos) {
        processed.increment();
        processedNanos.add(nanos);
    }

    @Override
    public ObjectNode aggregations() {
        long current = currentInterval();
        int perWindow = config.slicesPerWindow();
        int count = config.maxWindows();
        long first = current - count - perWindow + 2; // the oldest listed window's first interval
        Aggregate[] windows = new Aggregate[count];
        for (long at = first; at <= current; at++) {
            int offset = (int) (at - first);
            // Interval `at` is in window w when w <= offset < w + perWindow.
            slot(at).addTo(at, windows, Math.max(0, offset - perWindow + 1), Math.min(count - 1, offset),
                    this::newWindow);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var list = out.putArray("aggregations");
        for (int w = 0; w < count; w++) {
            if (windows[w] != null) {
                long start = (first + w) * config.intervalMillis();
                list.add(windows[w].toJson(start, start + config.windowMillis(), config.percentiles()));
            }
        }
        out.put("count", list.size());
        return out;
    }

    /**
     * Totals since the bus started; {@code throughput} is the events/s of the open window (its
     * events over the time it has covered so far, at least one second); {@code bufferSize} the
     * events held in the slices of the listed windows.
     */
    @Override
    public ObjectNode stats() {
        long now = clock.getAsLong();
        long current = Math.floorDiv(now, config.intervalMillis());
        long inOpenWindow = held(current - config.slicesPerWindow() + 1, current);
        long coveredFrom = Math.max(startedAt, now - config.windowMillis());
        double throughput = inOpenWindow / (Math.max(1_000, now - coveredFrom) / 1000.0);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode stats = out.putObject("stats");
        stats.put("totalProcessed", accepted.sum());
        stats.put("totalFiltered", filtered.sum());
        long n = processed.sum();
        stats.put("avgProcessingTime", n == 0 ? 0.0 : processedNanos.sum() / (double) n / 1_000_000);
        stats.put("throughput", throughput);
        long last = lastAcceptedAt.get();
        if (last < 0) {
            stats.putNull("lastProcessedAt");
        } else {
            stats.put("lastProcessedAt", last);
        }
        metrics.writeTo(out.putObject("metrics"));
        out.put("bufferSize", held(current - ring.length + 1, current));
        return out;
    }

    private long currentInterval() {
        return Math.floorDiv(clock.getAsLong(), config.intervalMillis());
    }

    /** Events held in intervals {@code from..to}. */
    private long held(long from, long to) {
        long sum = 0;
        for (long at = from; at <= to; at++) {
            sum += slot(at).count(at);
        }
        return sum;
    }

    private Slice slot(long interval) {
        return ring[(int) Math.floorMod(interval, (long) ring.length)];
    }

    /** A window tells apart up to 10,000 sources and 1,000 types, whatever its slices' caps; it lives for one query. */
    private Aggregate newWindow() {
        return new Aggregate(10_000, 1_000, !config.percentiles().isEmpty());
    }
}
