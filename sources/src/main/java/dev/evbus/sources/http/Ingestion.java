package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.protocol.FrameReader;
import dev.evbus.sources.Ingest;
import dev.evbus.sources.StreamStatistics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code POST /events} and {@code POST /events/batch}: parse, check, filter, publish. A batch is
 * checked whole before anything is published, so an invalid item publishes nothing (400 naming
 * the item); items the filters drop count as filtered; the rest are published in order. An id the
 * bus already holds is a duplicate the bus drops, and counts as processed, as {@code publish}
 * treats it. Thread-safe: no state of its own beyond the thread-safe collaborators.
 */
final class Ingestion {
    /** Room for the frame head beside payload, type, id and source time, which together stay within the bus's frame cap. */
    private static final int FRAME_HEAD = 256;

    private final Ingest ingest;
    private final StreamStatistics statistics;
    private final EventFilters filters;
    private final Counters counters;
    private final Clock clock;
    private final LongSupplier nanoTime;

    Ingestion(Ingest ingest, StreamStatistics statistics, EventFilters filters, Counters counters, Clock clock,
            LongSupplier nanoTime) {
        this.ingest = ingest;
        this.statistics = statistics;
        this.filters = filters;
        this.counters = counters;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** One event; {@code started} is {@link #nanoTime} when its body had been read. */
    Answer single(byte[] body, int length, long started) {
        Checked event = filters.isEmpty() ? fast(body, length) : null;
        if (event == null) {
            try {
                JsonNode tree = JsonBodies.parse(body, length);
                event = check(tree, tree.isObject() ? JsonBodies.asWritten(body, length, false).getFirst() : null);
            } catch (JsonBodies.BadBody bad) {
                statistics.filtered(1);
                return Answer.message(400, bad.getMessage());
            }
        }
        if (!event.passes()) {
            statistics.filtered(1);
            return Answer.FILTERED;
        }
        try {
            publish(event);
        } catch (RuntimeException failed) {
            return Answer.message(500, "the bus could not take the event: " + failed.getMessage());
        } finally {
            ingest.wake();
        }
        statistics.processed(nanoTime.getAsLong() - started);
        return Answer.PROCESSED;
    }

    /** An array of events, all checked before any is published. */
    Answer batch(byte[] body, int length, long started) {
        Checked[] checked = filters.isEmpty() ? fastBatch(body, length) : null;
        if (checked == null) {
            JsonNode items;
            List<byte[]> written;
            try {
                items = JsonBodies.parse(body, length);
                written = items.isArray() ? JsonBodies.asWritten(body, length, true) : List.of();
            } catch (JsonBodies.BadBody bad) {
                statistics.filtered(1);
                return Answer.message(400, bad.getMessage());
            }
            if (!items.isArray()) {
                statistics.filtered(1);
                return Answer.message(400, "the body of /events/batch must be a JSON array of events, not "
                        + (items.isObject() ? "an object (send one event to /events)" : EventCheck.describe(items)));
            }
            checked = new Checked[items.size()];
            for (int i = 0; i < checked.length; i++) {
                try {
                    checked[i] = check(items.get(i), written.get(i));
                } catch (JsonBodies.BadBody bad) {
                    statistics.filtered(checked.length);
                    return Answer.message(400, "item " + i + ": " + bad.getMessage() + "; nothing in the batch was published");
                }
            }
        }
        int total = checked.length;
        long checkedAt = nanoTime.getAsLong();
        long sharedNanos = total == 0 ? 0 : (checkedAt - started) / total;
        int processed = 0;
        int filtered = 0;
        try {
            for (Checked event : checked) {
                if (!event.passes()) {
                    filtered++;
                    continue;
                }
                long before = nanoTime.getAsLong();
                publish(event);
                processed++;
                statistics.processed(sharedNanos + nanoTime.getAsLong() - before);
            }
        } catch (RuntimeException failed) {
            ObjectNode answer = counts(total, processed, filtered);
            answer.put("success", false);
            answer.put("message", "item " + (processed + filtered) + ": the bus could not take the event: "
                    + failed.getMessage() + "; the " + processed + " items counted as processed were published");
            return new Answer(500, JsonBodies.compact(answer), Map.of());
        } finally {
            if (filtered > 0) {
                statistics.filtered(filtered);
            }
            ingest.wake();
        }
        return Answer.ok(counts(total, processed, filtered));
    }

    private void publish(Checked event) {
        Ingest.Outcome outcome = ingest.publish(event.type(), event.id(), event.timestamp(), event.payload());
        if (outcome == Ingest.Outcome.ACCEPTED) {
            counters.accepted(clock.millis());
        }
    }

    /**
     * The event through {@link CompactEvent} when it is compact, valid and fits a frame (no filters
     * to run, so no tree is needed); null leaves it to the tree path, which also words every refusal.
     */
    private static Checked fast(byte[] body, int length) {
        return fast(CompactEvent.read(body, length));
    }

    /** As {@link #fast(byte[], int)} for a batch: every item through the fast path, or null for the tree path. */
    private static Checked[] fastBatch(byte[] body, int length) {
        List<CompactEvent.Fields> events = CompactEvent.readBatch(body, length);
        if (events == null) {
            return null;
        }
        Checked[] checked = new Checked[events.size()];
        for (int i = 0; i < checked.length; i++) {
            checked[i] = fast(events.get(i));
            if (checked[i] == null) {
                return null;
            }
        }
        return checked;
    }

    private static Checked fast(CompactEvent.Fields event) {
        if (event == null || !fitsFrame(event.type(), event.id(), event.timestamp(), event.payload())) {
            return null;
        }
        return new Checked(event.type(), event.id(), event.timestamp(), event.payload(), true);
    }

    /** {@code payload}: the event as {@link JsonBodies#asWritten} wrote it, numbers as the client wrote them. */
    private Checked check(JsonNode event, byte[] payload) throws JsonBodies.BadBody {
        String problem = EventCheck.problem(event);
        if (problem != null) {
            throw new JsonBodies.BadBody(problem);
        }
        String type = event.get("type").asText();
        String id = event.get("id").asText();
        String timestamp = Long.toString(event.get("timestamp").asLong());
        if (!fitsFrame(type, id, timestamp, payload)) {
            throw new JsonBodies.BadBody("the event is larger than the bus's 1 MiB frame limit (" + payload.length
                    + " bytes of JSON, id " + id.length() + " characters)");
        }
        return new Checked(type, id, timestamp, payload, filters.passes(event, nanoTime));
    }

    private static boolean fitsFrame(String type, String id, String timestamp, byte[] payload) {
        long frame = (long) FRAME_HEAD + payload.length + 6L * (type.length() + id.length()) + timestamp.length();
        return frame <= FrameReader.MAX_FRAME;
    }

    private static ObjectNode counts(int total, int processed, int filtered) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("total", total);
        answer.put("processed", processed);
        answer.put("filtered", filtered);
        return answer;
    }

    /** An event fit to publish, and whether the filters let it through. */
    private record Checked(String type, String id, String timestamp, byte[] payload, boolean passes) {
    }
}
