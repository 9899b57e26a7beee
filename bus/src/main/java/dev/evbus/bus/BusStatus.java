package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.sources.SourceReport;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Answers a status query: who the bus is, what it has counted, who is attached, what the log and cursors hold. */
final class BusStatus {
    private final Hub hub;
    private final RetentionLog events;
    private final Cursors cursors;
    private final String appId;
    private final Instant startedAt;
    /** The sources' reports; safe to call from any connection's thread. */
    private final Supplier<List<SourceReport>> sources;

    BusStatus(Hub hub, RetentionLog events, Cursors cursors, String appId, Instant startedAt,
              Supplier<List<SourceReport>> sources) {
        this.hub = hub;
        this.events = events;
        this.cursors = cursors;
        this.appId = appId;
        this.startedAt = startedAt;
        this.sources = sources;
    }

    /** A snapshot; {@code connections} counts every open connection, the asking one included. */
    Message.StatusResponse response(int connections) {
        long uptime = (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000;
        return new Message.StatusResponse(ProcessHandle.current().pid(), appId, ProtocolVersion.CURRENT,
                startedAt.toString(), uptime, connections, hub.published.get(), hub.duplicates.get(),
                hub.rejected.get(), hub.consumers(), events.status(), cursors.list(events.endOffset() - 1),
                sources.get().stream().map(BusStatus::summary).toList());
    }

    private static Message.SourceSummary summary(SourceReport r) {
        return new Message.SourceSummary(r.name(), r.kind(), r.address(), r.state() == null ? null : r.state().wireName(),
                r.eventsIn(), r.errors(), r.lastEventAt(), r.detail());
    }
}
