package dev.evbus.protocol;

import dev.evbus.protocol.StatusParts.BridgeSummary;
import dev.evbus.protocol.StatusParts.ConsumerStatus;
import dev.evbus.protocol.StatusParts.CursorStatus;
import dev.evbus.protocol.StatusParts.LogStatus;
import dev.evbus.protocol.StatusParts.PipelineCounts;
import dev.evbus.protocol.StatusParts.PipelineStatus;
import dev.evbus.protocol.StatusParts.SourceSummary;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every frame on the wire. The {@code type} field picks the record; a type this version does not
 * know decodes to {@link Unknown} so that newer peers can add frames without breaking older ones.
 * {@link FrameCodec} maps them to JSON.
 */
public sealed interface Message {

    /**
     * Consumer → bus, first frame: who is subscribing to what.
     *
     * @param since   where to start reading the log: null (live only), {@code all}, {@code offset:N}
     *                (from offset N inclusive) or {@code time:MS} (events appended at or after MS)
     * @param durable the name of the bus-kept cursor to resume from and advance, or null
     * @param apiEnv  the consumer's values of the environment variables its app's config names for
     *                API auth (only those), so a cleanup the bus runs for it calls the API as it would;
     *                secret: never logged, never in status, and left out of {@link #toString()}
     * @param caughtUp whether the consumer wants a {@link CaughtUp} frame when it reaches the live edge
     */
    record Hello(long pid, String eventKey, List<String> eventTypes, String version, String subscriptionId,
                 Map<String, String> params, String as, int bufferSize, boolean singleConsumer,
                 String since, String durable, Map<String, String> apiEnv, boolean caughtUp) implements Message {
        public Hello {
            eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
            params = params == null ? Map.of() : Map.copyOf(params);
            apiEnv = apiEnv == null ? Map.of() : Map.copyOf(apiEnv);
        }

        /** A hello that asks for no {@link CaughtUp} frame. */
        public Hello(long pid, String eventKey, List<String> eventTypes, String version, String subscriptionId,
                     Map<String, String> params, String as, int bufferSize, boolean singleConsumer,
                     String since, String durable, Map<String, String> apiEnv) {
            this(pid, eventKey, eventTypes, version, subscriptionId, params, as, bufferSize, singleConsumer, since,
                    durable, apiEnv, false);
        }

        /** A hello without API credentials. */
        public Hello(long pid, String eventKey, List<String> eventTypes, String version, String subscriptionId,
                     Map<String, String> params, String as, int bufferSize, boolean singleConsumer,
                     String since, String durable) {
            this(pid, eventKey, eventTypes, version, subscriptionId, params, as, bufferSize, singleConsumer, since,
                    durable, Map.of());
        }

        /** A live-only hello without a cursor. */
        public Hello(long pid, String eventKey, List<String> eventTypes, String version, String subscriptionId,
                     Map<String, String> params, String as, int bufferSize, boolean singleConsumer) {
            this(pid, eventKey, eventTypes, version, subscriptionId, params, as, bufferSize, singleConsumer, null, null);
        }

        /** This hello carrying the consumer's API credentials. */
        public Hello withApiEnv(Map<String, String> values) {
            return new Hello(pid, eventKey, eventTypes, version, subscriptionId, params, as, bufferSize, singleConsumer,
                    since, durable, values, caughtUp);
        }

        /** This hello asking for a {@link CaughtUp} frame at the live edge (for {@code consume --until}). */
        public Hello withCaughtUp(boolean wanted) {
            return new Hello(pid, eventKey, eventTypes, version, subscriptionId, params, as, bufferSize, singleConsumer,
                    since, durable, apiEnv, wanted);
        }

        /** Names the credential variables but never shows their values. */
        @Override
        public String toString() {
            return "Hello[pid=" + pid + ", eventKey=" + eventKey + ", eventTypes=" + eventTypes + ", version=" + version
                    + ", subscriptionId=" + subscriptionId + ", params=" + params + ", as=" + as + ", bufferSize="
                    + bufferSize + ", singleConsumer=" + singleConsumer + ", since=" + since + ", durable=" + durable
                    + ", apiEnv=" + apiEnv.keySet() + ", caughtUp=" + caughtUp + "]";
        }
    }

    /**
     * Bus → consumer: accepted (and whether this consumer must run preConsume) or rejected with a reason.
     *
     * @param startOffset the log offset this consumer's reading starts at
     * @param missed      offsets this consumer asked for (by {@code since} or its cursor) that had
     *                    already fallen off retention; 0 when none
     */
    record HelloAck(String busVersion, boolean firstForKey, boolean rejected, String rejectReason,
                    long startOffset, long missed) implements Message {
        public HelloAck(String busVersion, boolean firstForKey, boolean rejected, String rejectReason) {
            this(busVersion, firstForKey, rejected, rejectReason, 0, 0);
        }
    }

    /**
     * Bus → consumer: one event. {@code payload} holds the raw UTF-8 JSON bytes; the codec never
     * parses them into a tree. {@code eventId} is null when the publisher gave none. {@code offset} is the event's place
     * in the bus's log (0 when unknown).
     */
    record Event(String eventType, String eventId, String sourceTime, long offset, long seq, byte[] payload)
            implements Message {
    }

    /** Bus → consumer, best effort: the state of one upstream source. */
    record SourceStatus(String source, String state, String detail) implements Message {
    }

    /** Consumer → bus when it is about to leave: am I the last of my subscription? */
    record PreShutdownCheck(String eventKey, String subscriptionId) implements Message {
    }

    /** Bus → consumer: {@code lastForKey} means run cleanup; the bus holds the subscription's lock until this connection closes. */
    record PreShutdownAck(boolean lastForKey) implements Message {
    }

    /**
     * Bus → consumer that asked for it in its hello, once, when its reader first finds nothing more in the log: every event
     * appended before {@code offset} has been sent (or skipped as another type), so the consumer
     * is at the live edge. A consumer with {@code --until} stops here when its bound has passed.
     */
    record CaughtUp(long offset) implements Message {
    }

    /** Consumer → bus after the first consumer's preConsume finished (or failed): later hellos may proceed. */
    record SetupDone(boolean ok) implements Message {
    }

    /**
     * Consumer → bus: leaving on purpose (after its cleanup, if it ran one). Producer → bus: no more
     * events, send the totals; with {@code sync}, only once every accepted event is stored (on disk
     * when the log is durable).
     */
    record Bye(boolean sync) implements Message {
        public Bye() {
            this(false);
        }
    }

    /**
     * Consumer → bus: every event up to this offset is written out; a durable cursor may move here.
     * {@code counts}, from a consumer running a key's pipeline, are its totals so far (else null),
     * which {@code status} and the metrics show.
     */
    record Commit(long offset, PipelineCounts counts) implements Message {
        public Commit(long offset) {
            this(offset, null);
        }
    }

    /** Client → bus, first frame: describe yourself. */
    record StatusQuery() implements Message {
    }

    /** Bus → client: the answer to {@link StatusQuery}. */
    record StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                          long published, long duplicates, long rejected, List<ConsumerStatus> consumers,
                          LogStatus log, List<CursorStatus> cursors, List<SourceSummary> sources,
                          BridgeSummary bridge, Map<String, Long> unmatched, List<PipelineStatus> pipelines)
            implements Message {
        public StatusResponse {
            consumers = consumers == null ? List.of() : List.copyOf(consumers);
            cursors = cursors == null ? List.of() : List.copyOf(cursors);
            sources = sources == null ? List.of() : List.copyOf(sources);
            unmatched = unmatched == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unmatched));
            pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
        }

        /** A bus older than served pipelines (the field is absent from its answer). */
        public StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                              long published, long duplicates, long rejected, List<ConsumerStatus> consumers,
                              LogStatus log, List<CursorStatus> cursors, List<SourceSummary> sources,
                              BridgeSummary bridge, Map<String, Long> unmatched) {
            this(pid, app, version, startedAt, uptimeSec, activeConns, published, duplicates, rejected, consumers, log,
                    cursors, sources, bridge, unmatched, List.of());
        }

        /** A bus older than the count of unmatched types (the field is absent from its answer). */
        public StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                              long published, long duplicates, long rejected, List<ConsumerStatus> consumers,
                              LogStatus log, List<CursorStatus> cursors, List<SourceSummary> sources,
                              BridgeSummary bridge) {
            this(pid, app, version, startedAt, uptimeSec, activeConns, published, duplicates, rejected, consumers, log,
                    cursors, sources, bridge, Map.of());
        }

        /** A bus without a bridge (and one older than bridges: the field is absent from its answer). */
        public StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                              long published, long duplicates, long rejected, List<ConsumerStatus> consumers,
                              LogStatus log, List<CursorStatus> cursors, List<SourceSummary> sources) {
            this(pid, app, version, startedAt, uptimeSec, activeConns, published, duplicates, rejected, consumers, log,
                    cursors, sources, null);
        }

        /** A bus without sources (and one older than them: the field is absent from its answer). */
        public StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                              long published, long duplicates, long rejected, List<ConsumerStatus> consumers,
                              LogStatus log, List<CursorStatus> cursors) {
            this(pid, app, version, startedAt, uptimeSec, activeConns, published, duplicates, rejected, consumers, log,
                    cursors, List.of());
        }
    }

    /** Client → bus, first frame: forget a named cursor. */
    record CursorRemove(String name) implements Message {
    }

    /** Bus → client: whether the cursor was removed, and why not. */
    record CursorRemoved(boolean removed, String message) implements Message {
    }

    /**
     * Client → bus, first frame: exit. The bus decides: it refuses an unforced shutdown while
     * consumers are attached, and answers with {@link ShutdownAck} either way.
     */
    record Shutdown(boolean force) implements Message {
        public Shutdown() {
            this(false);
        }
    }

    /**
     * Client → bus, first frame: {@code evbus serve} (process {@code pid}) takes over a bus that a
     * consumer started. While this connection stays open the bus does not idle out; the adopter
     * may later send {@link Shutdown} on it. Answered with {@link Adopted} or an error.
     */
    record Adopt(long pid) implements Message {
    }

    /**
     * Client → bus, first frame: re-read the app's config now (what SIGHUP to the bus does), and
     * restart what changed. Answered with {@link Reloaded}.
     */
    record Reload() implements Message {
    }

    /**
     * Bus → client: how a reload went. {@code refused} is why nothing changed (a config that does
     * not load), else null; {@code restarted} names the feeds restarted ({@code source http},
     * {@code bridge}); {@code needsRestart} the changed settings a running bus cannot take.
     */
    record Reloaded(List<String> restarted, List<String> needsRestart, String refused) implements Message {
        public Reloaded {
            restarted = restarted == null ? List.of() : List.copyOf(restarted);
            needsRestart = needsRestart == null ? List.of() : List.copyOf(needsRestart);
        }
    }

    /** Bus → client: the answer to {@link Adopt}: the adopted bus's pid. */
    record Adopted(long pid) implements Message {
    }

    /**
     * Bus → client: the answer to {@link Shutdown}.
     *
     * @param stopping  true when the bus is stopping (it exits once its connections are closed and
     *                  its cleanups ended); false when it refused
     * @param consumers the pids of the consumers attached when it decided
     * @param waitMs    at most how long the bus may still take for cleanups before it exits; 0 when
     *                  none is running or due
     */
    record ShutdownAck(boolean stopping, List<Long> consumers, long waitMs) implements Message {
        public ShutdownAck {
            consumers = consumers == null ? List.of() : List.copyOf(consumers);
        }
    }

    /** Producer → bus, streamed: one event to publish. {@code ack} asks for a {@link PublishAck} right after it. */
    record Publish(String eventType, String eventId, String sourceTime, byte[] payload, boolean ack) implements Message {
    }

    /**
     * Bus → producer: running totals of this connection; {@code lastOffset} is the log offset of the
     * last event it accepted, {@code stored} says they are all on disk (durable log) or in the log.
     */
    record PublishAck(long accepted, long duplicates, long rejected, long lastOffset, boolean stored) implements Message {
        public PublishAck(long accepted, long duplicates, long rejected) {
            this(accepted, duplicates, rejected, 0, false);
        }
    }

    /** Bus → any peer, just before it closes a connection it cannot serve: why. */
    record Error(String message) implements Message {
    }

    /** A frame of a type this version does not know; consumers ignore it. */
    record Unknown() implements Message {
    }
}
