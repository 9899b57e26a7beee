package dev.evbus.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stream statistics the HTTP API serves (SPEC §12): sliding-window aggregations over every
 * event the bus accepts, and ingestion counters. Thread-safe; the bus feeds
 * {@link #accepted}, the HTTP source reports what it filtered and how long processing took, and
 * reads the two documents.
 */
public interface StreamStatistics extends AcceptedEvents {
    /** Events an HTTP request carried that were not published: invalid, or dropped by a filter. */
    void filtered(long count);

    /** The time one event took from its request's parse to its place in the log. */
    void processed(long nanos);

    /** The body of {@code GET /aggregations}: {@code {"aggregations":[…oldest first],"count":K}}. */
    ObjectNode aggregations();

    /** The body of {@code GET /stats}: {@code {"stats":{…},"metrics":{"type:source":n},"bufferSize":n}}. */
    ObjectNode stats();
}
