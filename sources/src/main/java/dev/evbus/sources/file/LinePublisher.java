package dev.evbus.sources.file;

import dev.evbus.protocol.JsonText;
import dev.evbus.sources.Ingest;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns the lines the scanner finds into published events and keeps the source's counters. A bad
 * line is counted, logged (the first few of a batch; the rest as one total) and skipped; a line the
 * bus could not take for its own reasons stops the batch so it is read again (see {@link Failed}).
 * The poller calls everything but the getters, which any thread may read.
 */
final class LinePublisher implements LineScanner.Lines {
    private static final int REJECTIONS_LOGGED_PER_BATCH = 10;
    private static final int REASON_SHOWN = 200;

    /** The bus failed to take a valid line (it is stopping, say): read it again from {@code lineStart}. */
    static final class Failed extends RuntimeException {
        final long lineStart;

        Failed(long lineStart, RuntimeException cause) {
            super(cause.toString(), cause);
            this.lineStart = lineStart;
        }
    }

    private final LineFormat format;
    private final Ingest ingest;
    private final Clock clock;
    private final Consumer<String> log;
    private final String where;
    private final int maxLine;

    // Written by the poller, read by report() on any thread.
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long lastEventAt;

    // Poller only.
    private long lastLineAt;
    private int published;
    private int rejected;

    LinePublisher(FileSourceConfig config, Ingest ingest, Clock clock, Consumer<String> log) {
        this.format = LineFormat.of(config);
        this.ingest = ingest;
        this.clock = clock;
        this.log = log;
        this.where = " of " + JsonText.quote(config.path().toString());
        this.maxLine = config.maxLine();
        this.lastLineAt = clock.millis();
    }

    @Override
    public void line(byte[] bytes, int length, long startOffset) {
        lastLineAt = clock.millis();
        if (blank(bytes, length)) {
            return;
        }
        LineFormat.Event event;
        try {
            event = format.parse(bytes, length);
        } catch (LineFormat.Rejected bad) {
            reject(startOffset, bad.getMessage());
            return;
        }
        Ingest.Outcome outcome;
        try {
            outcome = ingest.publish(event.eventType(), event.eventId(), event.sourceTime(), event.payload());
        } catch (IllegalArgumentException refused) {
            reject(startOffset, "refused by the bus: " + refused.getMessage());
            return;
        } catch (RuntimeException failed) {
            throw new Failed(startOffset, failed);
        }
        published++;
        if (outcome == Ingest.Outcome.ACCEPTED) {
            eventsIn.incrementAndGet();
            lastEventAt = clock.millis();
        }
    }

    @Override
    public void overLong(long startOffset) {
        lastLineAt = clock.millis();
        reject(startOffset, "longer than max_line (" + maxLine + " bytes); skipped without being read whole");
    }

    /** Ends a batch: wakes consumers once if anything was published, and totals the unlogged rejections. */
    void endBatch() {
        if (published > 0) {
            ingest.wake();
        }
        if (rejected > REJECTIONS_LOGGED_PER_BATCH) {
            log.accept("file source: " + (rejected - REJECTIONS_LOGGED_PER_BATCH) + " more lines" + where
                    + " rejected in this batch");
        }
        published = 0;
        rejected = 0;
    }

    /** A fault of the source itself (the file unreadable, its position unsaved), counted as an error. */
    void fault() {
        errors.incrementAndGet();
    }

    long eventsIn() {
        return eventsIn.get();
    }

    long errors() {
        return errors.get();
    }

    long lastEventAt() {
        return lastEventAt;
    }

    /** When the last line (valid or not) was read, or the source started: what stall_after measures. */
    long lastLineAt() {
        return lastLineAt;
    }

    void quietSince(long millis) {
        lastLineAt = millis;
    }

    private void reject(long startOffset, String reason) {
        errors.incrementAndGet();
        if (++rejected <= REJECTIONS_LOGGED_PER_BATCH) {
            String shown = reason.length() > REASON_SHOWN ? reason.substring(0, REASON_SHOWN) + "…" : reason;
            log.accept("file source: line at byte " + startOffset + where + " rejected: " + JsonText.quote(shown));
        }
    }

    private static boolean blank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
