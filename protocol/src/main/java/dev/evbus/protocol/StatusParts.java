package dev.evbus.protocol;

import java.util.List;

/**
 * The parts of a {@code status_response} ({@link Message.StatusResponse}): the bus's consumers,
 * log, cursors, sources, bridge and served pipelines as {@code evbus status} shows them, and a
 * pipeline's counts, which a consumer's {@code commit} also carries.
 */
public final class StatusParts {
    private StatusParts() {
    }

    /**
     * One of the bus's sources as {@code status} shows it.
     *
     * @param state       {@code connecting}, {@code connected}, {@code disconnected}, {@code reconnecting} or {@code stalled}
     * @param address     for HTTP the bound {@code host:port}; for a file its path; null when unknown
     * @param lastEventAt epoch milliseconds of its last accepted event, 0 for none
     * @param detail      what the state means now (the last error), or null
     */
    public record SourceSummary(String name, String kind, String address, String state, long eventsIn, long errors,
                         long lastEventAt, String detail) {
    }
    /**
     * The bus's bridge to another engine (NATS JetStream) as {@code status} shows it.
     *
     * @param state     {@code connecting}, {@code connected}, {@code reconnecting}, {@code failed} or {@code closed}
     * @param sent      local events the engine acknowledged storing
     * @param backlog   local events not yet acknowledged by it
     * @param missed    local events that fell off retention before they could be sent
     * @param received  other hosts' events the bus accepted
     * @param lag       messages this host's durable consumer has not taken yet, as last known
     * @param lastError the last fault, or null; {@code lastErrorAt} its epoch milliseconds, 0 for none
     */
    public record BridgeSummary(String kind, String node, String servers, String stream, String state, long sent, long backlog,
                         long missed, long received, long duplicates, long lag, long errors, String lastError,
                         long lastErrorAt) {
    }
    /**
     * One attached consumer as {@code status} shows it.
     *
     * @param position   the next log offset it will read
     * @param dropReason why it lost events ({@code retention.max_bytes} / {@code retention.max_age}), or null
     * @param durable    its cursor's name, or null
     */
    public record ConsumerStatus(long pid, String eventKey, String subscriptionId, List<String> eventTypes,
                          long received, long dropped, long position, String dropReason, String durable,
                          PipelineCounts pipeline) {
        public ConsumerStatus(long pid, String eventKey, String subscriptionId, List<String> eventTypes,
                              long received, long dropped, long position, String dropReason, String durable) {
            this(pid, eventKey, subscriptionId, eventTypes, received, dropped, position, dropReason, durable, null);
        }

        public ConsumerStatus(long pid, String eventKey, String subscriptionId, List<String> eventTypes,
                              long received, long dropped) {
            this(pid, eventKey, subscriptionId, eventTypes, received, dropped, 0, null, null);
        }
    }
    /**
     * A pipeline the bus runs itself (app config {@code pipelines}): its state ({@code starting},
     * {@code running}, {@code restarting}, {@code stopped}), the consumer process running it, where
     * its cursor stands and how far the log is ahead, what it did, and its last error.
     */
    public record PipelineStatus(String name, String eventKey, String state, long pid, long restarts, long position, long lag,
                          PipelineCounts counts, String lastError) {
    }
    /**
     * The bus's retention log. {@code firstOffset > lastOffset} when it holds nothing;
     * {@code durableOffset} is the last offset on disk (0 in memory mode).
     */
    public record LogStatus(long firstOffset, long lastOffset, long bytes, long events, long oldestAgeMs,
                     long maxBytes, long maxAgeMs, boolean durable, long durableOffset) {
    }
    /** A named cursor kept by the bus: the last offset its consumers wrote out, and how far the log is ahead. */
    public record CursorStatus(String name, String eventKey, String subscriptionId, long offset, long lag,
                        long attachedPid, String updatedAt) {
    }
    /** What a key's pipeline did with the events it received, as a consumer's exited line counts them. */
    public record PipelineCounts(long processed, long filtered, long failed, long deadLettered) {
    }
}
