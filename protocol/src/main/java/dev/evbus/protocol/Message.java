package dev.evbus.protocol;

import java.util.List;
import java.util.Map;

/**
 * Every frame on the wire. The {@code type} field picks the record; a type this version does not
 * know decodes to {@link Unknown} so that newer peers can add frames without breaking older ones.
 * {@link FrameCodec} maps them to JSON.
 */
public sealed interface Message {

    /** Consumer → bus, first frame: who is subscribing to what. */
    record Hello(long pid, String eventKey, List<String> eventTypes, String version, String subscriptionId,
                 Map<String, String> params, String as, int bufferSize, boolean singleConsumer) implements Message {
        public Hello {
            eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** Bus → consumer: accepted (and whether this consumer must run preConsume) or rejected with a reason. */
    record HelloAck(String busVersion, boolean firstForKey, boolean rejected, String rejectReason) implements Message {
    }

    /**
     * Bus → consumer: one event. {@code payload} holds the raw UTF-8 JSON bytes; the codec never
     * parses them into a tree. {@code eventId} is null when the publisher gave none.
     */
    record Event(String eventType, String eventId, String sourceTime, long seq, byte[] payload) implements Message {
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

    /** Consumer → bus after the first consumer's preConsume finished (or failed): later hellos may proceed. */
    record SetupDone(boolean ok) implements Message {
    }

    /** Consumer → bus: leaving on purpose (after its cleanup, if it ran one). Producer → bus: no more events, send the totals. */
    record Bye() implements Message {
    }

    /** Client → bus, first frame: describe yourself. */
    record StatusQuery() implements Message {
    }

    /** Bus → client: the answer to {@link StatusQuery}. */
    record StatusResponse(long pid, String app, String version, String startedAt, long uptimeSec, int activeConns,
                          long published, long duplicates, long rejected, List<ConsumerStatus> consumers) implements Message {
        public StatusResponse {
            consumers = consumers == null ? List.of() : List.copyOf(consumers);
        }
    }

    /** One attached consumer as {@code status} shows it. */
    record ConsumerStatus(long pid, String eventKey, String subscriptionId, List<String> eventTypes,
                          long received, long dropped) {
    }

    /** Client → bus, first frame: exit now. */
    record Shutdown() implements Message {
    }

    /** Producer → bus, streamed: one event to publish. {@code ack} asks for a {@link PublishAck} right after it. */
    record Publish(String eventType, String eventId, String sourceTime, byte[] payload, boolean ack) implements Message {
    }

    /** Bus → producer: running totals of this connection. */
    record PublishAck(long accepted, long duplicates, long rejected) implements Message {
    }

    /** Bus → any peer, just before it closes a connection it cannot serve: why. */
    record Error(String message) implements Message {
    }

    /** A frame of a type this version does not know; consumers ignore it. */
    record Unknown() implements Message {
    }
}
