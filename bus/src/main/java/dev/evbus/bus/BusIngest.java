package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.sources.Ingest;

/**
 * The sources' way in: the hub's {@link EventIntake}, as a producer's publish. A source parses
 * and validates its input (the payload is JSON it produced or checked); what reaches here against
 * the contract is a defect of that source, refused with an exception, never logged as an event.
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
        return append(eventType, eventId, sourceTime, payload, false) != EventIntake.DUPLICATE
                ? Outcome.ACCEPTED : Outcome.DUPLICATE;
    }

    /**
     * Publishes one event through the intake; its offset, or {@link EventIntake#DUPLICATE}.
     * {@code remote}: another host's, from the bridge.
     *
     * @throws IllegalArgumentException with the intake's reason when the event breaks the rules
     */
    long append(String eventType, String eventId, String sourceTime, byte[] payload, boolean remote) {
        try {
            return hub.intake.publish(eventType, eventId, sourceTime, payload, remote);
        } catch (EventIntake.Refused refused) {
            throw new IllegalArgumentException(refused.getMessage());
        }
    }

    @Override
    public void wake() {
        events.wakeReaders();
    }
}
