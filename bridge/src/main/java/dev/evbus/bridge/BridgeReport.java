package dev.evbus.bridge;

/**
 * The bridge as {@code status} shows it.
 *
 * @param node            this host's name in the stream
 * @param servers         the NATS URLs, as configured
 * @param stream          the JetStream stream
 * @param state           the link's state now
 * @param sent            local events JetStream acknowledged storing
 * @param backlog         local events not yet acknowledged by JetStream (from the bridge's cursor to the log's end)
 * @param missed          local events that fell off retention before they could be sent
 * @param received        remote events the bus accepted
 * @param duplicates      remote events dropped as already seen (same event id)
 * @param lag             messages of the stream this host's durable consumer has not taken yet, as last known
 * @param errors          faults met: messages that could not be imported, events that could not be exported
 * @param lastError       the last fault (quoted, one line), or null
 * @param lastErrorAt     epoch milliseconds of it, or 0
 */
public record BridgeReport(String node, String servers, String stream, BridgeState state, long sent, long backlog,
        long missed, long received, long duplicates, long lag, long errors, String lastError, long lastErrorAt) {
}
