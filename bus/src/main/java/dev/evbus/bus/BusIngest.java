package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import dev.evbus.sources.Ingest;

/**
 * The sources' way in: the same checks, dedup, log and routing as a producer's publish. A source
 * parses and validates its input (the payload is JSON it produced or checked); what reaches here
 * against the contract is a defect of that source, refused with an exception, never logged as
 * an event.
 */
final class BusIngest implements Ingest {
    private final Hub hub;
    private final RetentionLog events;

    BusIngest(Hub hub, RetentionLog events) {
        this.hub = hub;
        this.events = events;
    }

    @Override
    public Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        return append(eventType, eventId, sourceTime, payload, false) >= 0 ? Outcome.ACCEPTED : Outcome.DUPLICATE;
    }

    /** Checks and publishes one event; its offset, or -1 for a duplicate. {@code remote}: another host's, from the bridge. */
    long append(String eventType, String eventId, String sourceTime, byte[] payload, boolean remote) {
        if (payload == null || payload.length == 0 || payload.length > FrameReader.MAX_FRAME) {
            throw new IllegalArgumentException("payload must be one JSON value of 1 to " + FrameReader.MAX_FRAME + " bytes");
        }
        String problem = PublishCheck.problem(new Message.Publish(eventType, eventId, sourceTime, payload, false));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String time = sourceTime != null ? sourceTime : Long.toString(System.currentTimeMillis());
        return hub.publish(eventType, eventId, time, payload, remote);
    }

    @Override
    public void wake() {
        events.wakeReaders();
    }
}
