package dev.evbus.bus;

import dev.evbus.bridge.RemoteIngest;

/** Other hosts' events into this bus: the hub's {@link EventIntake}, as a source's, with the log's remote mark. */
final class BridgeIngest implements RemoteIngest {
    private final BusIngest ingest;

    BridgeIngest(BusIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        return ingest.append(eventType, eventId, sourceTime, payload, true) != EventIntake.DUPLICATE
                ? Outcome.ACCEPTED : Outcome.DUPLICATE;
    }

    @Override
    public void wake() {
        ingest.wake();
    }
}
