package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import java.util.function.Consumer;

/**
 * What the bus lends a bridge.
 *
 * @param appId  the app whose bus this is
 * @param log    the retention log the outgoing side reads
 * @param ingest the publish path of remote events
 * @param info   one line per state change
 * @param warn   one line per fault (untrusted text quoted)
 * @param clock  time for commits, time-outs and rate limits of warnings
 */
public record BridgeContext(String appId, LocalLog log, RemoteIngest ingest, Consumer<String> info, Consumer<String> warn,
        TimeSource clock) {
}
