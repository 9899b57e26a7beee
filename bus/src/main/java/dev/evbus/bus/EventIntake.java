package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.EventRules;

/**
 * The one way into the log. A producer's publish frames, spool files, the sources (HTTP, file)
 * and the bridge all hand their events here: each is judged by {@link EventRules} alike (so one
 * event is never taken by one door and refused by another), and an event without a source time
 * gets the bus's clock here and nowhere else. What passes goes to dedup, the log and routing.
 * Each door words a refusal its own way (a log line, an HTTP 500, a skipped NATS message) around
 * the same reason. Thread-safe: every producer's thread publishes through one instance.
 */
final class EventIntake {
    /** What {@link #publish} returns for an id the bus already holds: no offset, the event is dropped. */
    static final long DUPLICATE = -1;

    /** Where a checked event goes: dedup, then the log; its offset, or {@link #DUPLICATE}. */
    @FunctionalInterface
    interface Log {
        long append(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                    int payloadLength, boolean remote);
    }

    /** Why the bus refuses an event (the frame's field names, as {@link EventRules#publishProblem} words them). */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false); // a verdict on input, not a fault: no stack trace to fill
        }
    }

    /** The default source time of one millisecond, formatted once: immutable, replaced whole. */
    private record Stamp(long millis, String text) {
    }

    private final Log log;
    private final TimeSource clock;
    /**
     * The last default source time. Publishing threads race on it without a lock: each reads one
     * immutable stamp and at worst replaces it with another of the same or a later millisecond, so
     * a stream of events without a time costs one number formatting per millisecond, not per event.
     */
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, null);

    EventIntake(Log log, TimeSource clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Checks one event and appends it; its offset, or {@link #DUPLICATE}. {@code sourceTime} null
     * means now by the bus's clock; {@code remote} marks another host's event (from the bridge).
     *
     * @throws Refused when the event breaks {@link EventRules}; nothing reached the log
     */
    long publish(String eventType, String eventId, String sourceTime, byte[] payload, boolean remote) throws Refused {
        return publish(eventType, eventId, sourceTime, payload, 0, payload == null ? 0 : payload.length, remote);
    }

    /**
     * As {@link #publish(String, String, String, byte[], boolean)} with the payload the bytes
     * {@code [payloadOffset, payloadOffset + payloadLength)} of {@code payload}, which the log
     * copies before this returns: a producer's frame stays in its read buffer.
     */
    long publish(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                 int payloadLength, boolean remote) throws Refused {
        String problem = problem(eventType, eventId, sourceTime, payloadLength);
        if (problem != null) {
            throw new Refused(problem);
        }
        return log.append(eventType, eventId, sourceTime != null ? sourceTime : now(), payload, payloadOffset,
                payloadLength, remote);
    }

    /** Why the bus refuses the event, or null when it takes it. */
    static String problem(String eventType, String eventId, String sourceTime, int payloadLength) {
        String problem = EventRules.publishProblem(eventType, eventId, sourceTime);
        if (problem != null) {
            return problem;
        }
        problem = EventRules.payloadProblem(payloadLength);
        return problem == null ? null : "payload " + problem;
    }

    private String now() {
        long millis = clock.millis();
        Stamp last = stamp;
        if (last.millis() != millis) {
            last = new Stamp(millis, Long.toString(millis));
            stamp = last;
        }
        return last.text();
    }
}
