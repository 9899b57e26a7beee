package dev.evbus.bus;

import dev.evbus.bus.log.LogState;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.metrics.BusSnapshot;
import dev.evbus.bus.metrics.TypeCounts;
import dev.evbus.config.InstantText;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.sources.SourceReport;
import dev.evbus.bus.served.ServedPipelines;
import java.time.Instant;
import java.util.List;

/** Answers a status query: who the bus is, what it has counted, who is attached, what the log and cursors hold. */
final class BusStatus {
    private final Hub hub;
    private final RetentionLog events;
    private final Cursors cursors;
    private final String appId;
    private final Instant startedAt;
    /** The sources and the bridge; their reports are safe to take from any connection's thread. */
    private final BusFeeds feeds;
    private final ServedPipelines pipelines;
    /** Its wall time against {@link #startedAt} gives the uptime. */
    private final TimeSource clock;

    BusStatus(Hub hub, RetentionLog events, Cursors cursors, String appId, Instant startedAt, BusFeeds feeds,
              ServedPipelines pipelines, TimeSource clock) {
        this.clock = clock;
        this.pipelines = pipelines;
        this.hub = hub;
        this.events = events;
        this.cursors = cursors;
        this.appId = appId;
        this.startedAt = startedAt;
        this.feeds = feeds;
    }

    /** A snapshot; {@code connections} counts every open connection, the asking one included. */
    Message.StatusResponse response(int connections) {
        return snapshot(connections).status();
    }

    /** The status answer with the per-type counts its totals are the sums of: what the metrics show. */
    BusSnapshot snapshot(int connections) {
        List<TypeCounts> types = hub.counts.snapshot();
        TypeCounts total = PublishCounts.total(types);
        long uptime = (clock.millis() - startedAt.toEpochMilli()) / 1000;
        List<StatusParts.ConsumerStatus> attached = hub.consumers();
        List<StatusParts.CursorStatus> named = cursors.list(events.endOffset() - 1);
        return new BusSnapshot(new Message.StatusResponse(ProcessHandle.current().pid(), appId, ProtocolVersion.CURRENT,
                InstantText.format(startedAt), uptime, connections, total.accepted(), total.duplicates(),
                total.rejected(), attached, log(events.status()), named,
                feeds.sourceReports().stream().map(BusStatus::summary).toList(), feeds.bridgeSummary(),
                hub.unmatched.snapshot(), pipelines.status(attached, named)), types);
    }

    /** The log's own record as the status frame's {@code log} part: the one place it meets the wire. */
    static StatusParts.LogStatus log(LogState s) {
        return new StatusParts.LogStatus(s.firstOffset(), s.lastOffset(), s.bytes(), s.events(), s.oldestAgeMs(), s.maxBytes(),
                s.maxAgeMs(), s.durable(), s.durableOffset());
    }

    private static StatusParts.SourceSummary summary(SourceReport r) {
        return new StatusParts.SourceSummary(r.name(), r.kind(), r.address(), r.state() == null ? null : r.state().wireName(),
                r.eventsIn(), r.errors(), r.lastEventAt(), r.detail());
    }
}
