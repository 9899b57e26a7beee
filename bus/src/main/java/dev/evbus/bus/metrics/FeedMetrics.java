package dev.evbus.bus.metrics;

import dev.evbus.bridge.BridgeState;
import dev.evbus.protocol.StatusParts;
import dev.evbus.sources.SourceState;
import java.util.List;

/**
 * The sources' and the bridge's families. A state is a gauge per possible state, 1 for the
 * current one (as node_exporter shows systemd units), so an alert can name the state it fears;
 * {@code _up} is 1 when connected.
 */
final class FeedMetrics implements Collector {
    private final List<StatusParts.SourceSummary> sources;
    /** Null when the app has no bridge: its families are then absent. */
    private final StatusParts.BridgeSummary bridge;

    FeedMetrics(List<StatusParts.SourceSummary> sources, StatusParts.BridgeSummary bridge) {
        this.sources = sources;
        this.bridge = bridge;
    }

    @Override
    public void collect(Exposition out) {
        Exposition.Family up = out.gauge("evbus_source_up", "1 when a source is connected (listening, or following its file).");
        sources.forEach(s -> up.sample(connected(s.state()), "source", s.name(), "kind", s.kind()));
        Exposition.Family state = out.gauge("evbus_source_state", "A source's state (1 for the current one).");
        for (StatusParts.SourceSummary s : sources) {
            for (SourceState each : SourceState.values()) {
                state.sample(each.wireName().equals(s.state()) ? 1 : 0, "source", s.name(), "kind", s.kind(),
                        "state", each.wireName());
            }
        }
        Exposition.Family in = out.counter("evbus_source_events_in_total", "Events a source published that the bus accepted.");
        sources.forEach(s -> in.sample(s.eventsIn(), "source", s.name(), "kind", s.kind()));
        Exposition.Family errors = out.counter("evbus_source_errors_total",
                "Requests or lines a source refused, and faults it met.");
        sources.forEach(s -> errors.sample(s.errors(), "source", s.name(), "kind", s.kind()));
        if (bridge != null) {
            bridge(out);
        }
    }

    private void bridge(Exposition out) {
        String kind = bridge.kind();
        out.gauge("evbus_bridge_up", "1 when the bridge is connected and its stream is ready.")
                .sample(connected(bridge.state()), "bridge", kind);
        Exposition.Family state = out.gauge("evbus_bridge_state", "The bridge's state (1 for the current one).");
        for (BridgeState each : BridgeState.values()) {
            state.sample(each.wireName().equals(bridge.state()) ? 1 : 0, "bridge", kind, "state", each.wireName());
        }
        out.counter("evbus_bridge_sent_total", "Local events the remote engine acknowledged storing (out).")
                .sample(bridge.sent(), "bridge", kind);
        out.counter("evbus_bridge_received_total", "Other hosts' events the bus accepted (in).")
                .sample(bridge.received(), "bridge", kind);
        out.counter("evbus_bridge_duplicates_total", "Other hosts' events dropped as duplicates.")
                .sample(bridge.duplicates(), "bridge", kind);
        out.counter("evbus_bridge_missed_total", "Local events that fell off retention before they could be sent.")
                .sample(bridge.missed(), "bridge", kind);
        out.counter("evbus_bridge_errors_total", "Faults the bridge met.").sample(bridge.errors(), "bridge", kind);
        out.gauge("evbus_bridge_backlog", "Local events not yet acknowledged by the remote engine.")
                .sample(bridge.backlog(), "bridge", kind);
        out.gauge("evbus_bridge_lag", "Messages this host's durable consumer has not taken yet, as last known.")
                .sample(bridge.lag(), "bridge", kind);
    }

    private static int connected(String state) {
        return "connected".equals(state) ? 1 : 0;
    }
}
