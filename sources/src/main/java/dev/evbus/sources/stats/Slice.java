package dev.evbus.sources.stats;

/**
 * One slot of the ring: the aggregate of one interval, reused for a later interval once the ring
 * comes round to it (no allocation per interval). Every method holds this slice's monitor, so the
 * publish threads contend only when they land on the same interval, and a query locks one slice
 * at a time, never the whole ring.
 */
final class Slice {
    /** The interval this slot holds (epoch millis / interval); guarded by this. */
    private long interval = Long.MIN_VALUE;
    /** Guarded by this. */
    private final Aggregate aggregate;

    Slice(Aggregate empty) {
        this.aggregate = empty;
    }

    /**
     * Counts one event of interval {@code at}, taking the slot over when it still held an older
     * interval; false (nothing counted) when it already holds a newer one: the event is older than
     * anything the windows keep.
     */
    synchronized boolean add(long at, String type, double value, String source) {
        if (at != interval) {
            if (at < interval) {
                return false;
            }
            aggregate.clear();
            interval = at;
        }
        aggregate.add(type, value, source);
        return true;
    }

    /** Events held for interval {@code at}; 0 when the slot holds another. */
    synchronized long count(long at) {
        return at == interval ? aggregate.count() : 0;
    }

    /**
     * Merges this slot into {@code windows[from..to]} when it holds interval {@code at} and
     * something in it; {@code fresh} makes the windows not yet made.
     */
    synchronized void addTo(long at, Aggregate[] windows, int from, int to, java.util.function.Supplier<Aggregate> fresh) {
        if (at != interval || aggregate.count() == 0) {
            return;
        }
        for (int i = from; i <= to; i++) {
            if (windows[i] == null) {
                windows[i] = fresh.get();
            }
            windows[i].addAll(aggregate);
        }
    }
}
