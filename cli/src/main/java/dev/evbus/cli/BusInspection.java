package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.busctl.BusControl;
import dev.evbus.busdiscover.BusProbe;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.config.AppPaths;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.transport.SocketAddresses;
import java.io.IOException;
import dev.evbus.config.Home;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One app's bus as {@code status} and {@code stop} see it. Running needs both proofs: a live
 * process holds the alive lock and the bus answers on its socket. A held lock without an answer
 * is an orphan; a free lock is not running, whatever stale files say.
 */
record BusInspection(String app, AppPaths paths, State state, Optional<Message.StatusResponse> status,
                     Optional<PidFile> pidFile, Path socket) {

    enum State {
        RUNNING, ORPHAN, NOT_RUNNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static BusInspection of(AppPaths paths) {
        Path socket;
        try {
            socket = SocketAddresses.forApp(paths);
        } catch (IOException tooLong) {
            socket = paths.socketFile();
        }
        try {
            BusProbe probe = BusProbe.of(paths);
            if (!probe.lockHeld()) {
                return new BusInspection(paths.appId(), paths, State.NOT_RUNNING, Optional.empty(), probe.pidFile(), socket);
            }
            Optional<Message.StatusResponse> status;
            try {
                status = BusControl.status(socket);
            } catch (IOException silent) {
                status = Optional.empty();
            }
            State state = status.isPresent() ? State.RUNNING : State.ORPHAN;
            String app = status.map(Message.StatusResponse::app).orElse(paths.appId());
            return new BusInspection(app, paths, state, status, probe.pidFile(), socket);
        } catch (IOException unreadable) {
            return new BusInspection(paths.appId(), paths, State.NOT_RUNNING, Optional.empty(), Optional.empty(), socket);
        }
    }

    /** Every app directory under the home, inspected, in name order. */
    static List<BusInspection> all(Home home) throws IOException {
        List<BusInspection> buses = new ArrayList<>();
        for (BusProbe probe : BusProbe.scan(home)) {
            buses.add(of(probe.paths()));
        }
        return buses;
    }

    Optional<Long> pid() {
        return status.map(Message.StatusResponse::pid).or(() -> pidFile.map(PidFile::pid));
    }

    int consumerCount() {
        return status.map(s -> s.consumers().size()).orElse(0);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("app", app);
        node.put("state", state.label());
        pid().ifPresent(pid -> node.put("pid", pid));
        node.put("dir", paths.dir().toString());
        node.put("socket", socket.toString());
        node.put("log", paths.logFile().toString());
        status.ifPresent(s -> {
            node.put("version", s.version());
            node.put("started_at", s.startedAt());
            node.put("uptime_sec", s.uptimeSec());
            node.put("active_conns", s.activeConns());
            node.put("published", s.published());
            node.put("duplicates", s.duplicates());
            node.put("rejected", s.rejected());
            ArrayNode consumers = node.putArray("consumers");
            for (StatusParts.ConsumerStatus c : s.consumers()) {
                ObjectNode consumer = consumers.addObject();
                consumer.put("pid", c.pid());
                consumer.put("event_key", c.eventKey());
                consumer.put("subscription_id", c.subscriptionId());
                ArrayNode types = consumer.putArray("event_types");
                c.eventTypes().forEach(types::add);
                consumer.put("received", c.received());
                consumer.put("dropped", c.dropped());
                consumer.put("position", c.position());
                consumer.put("drop_reason", c.dropReason());
                consumer.put("durable", c.durable());
                if (c.pipeline() != null) {
                    counts(consumer.putObject("pipeline"), c.pipeline());
                }
            }
            StatusParts.LogStatus l = s.log();
            if (l != null) {
                ObjectNode log = node.putObject("retention_log");
                boolean empty = l.events() == 0;
                if (empty) {
                    log.putNull("first_offset");
                    log.putNull("last_offset");
                } else {
                    log.put("first_offset", l.firstOffset());
                    log.put("last_offset", l.lastOffset());
                }
                log.put("next_offset", l.lastOffset() + 1);
                log.put("events", l.events());
                log.put("bytes", l.bytes());
                log.put("oldest_age_ms", l.oldestAgeMs());
                log.put("max_bytes", l.maxBytes());
                log.put("max_age_ms", l.maxAgeMs());
                log.put("durable", l.durable());
                if (l.durable()) {
                    log.put("durable_offset", l.durableOffset());
                }
            }
            ArrayNode cursors = node.putArray("cursors");
            for (StatusParts.CursorStatus c : s.cursors()) {
                cursors.addObject().put("name", c.name()).put("event_key", c.eventKey())
                        .put("subscription_id", c.subscriptionId()).put("offset", c.offset()).put("lag", c.lag());
            }
            ArrayNode sources = node.putArray("sources");
            for (StatusParts.SourceSummary c : s.sources()) {
                ObjectNode source = sources.addObject().put("name", c.name()).put("kind", c.kind())
                        .put("address", c.address()).put("state", c.state()).put("events_in", c.eventsIn())
                        .put("errors", c.errors());
                // null rather than 1970 for a source that has not published yet
                source.put("last_event_at", c.lastEventAt() == 0 ? null : Instant.ofEpochMilli(c.lastEventAt()).toString());
                source.put("detail", c.detail());
            }
            StatusParts.BridgeSummary b = s.bridge();
            if (b != null) {
                node.putObject("bridge").put("kind", b.kind()).put("node", b.node()).put("servers", b.servers())
                        .put("stream", b.stream()).put("state", b.state()).put("sent", b.sent()).put("backlog", b.backlog())
                        .put("missed", b.missed()).put("received", b.received()).put("duplicates", b.duplicates())
                        .put("lag", b.lag()).put("errors", b.errors()).put("last_error", b.lastError())
                        .put("last_error_at", b.lastErrorAt() == 0 ? null : Instant.ofEpochMilli(b.lastErrorAt()).toString());
            }
            ObjectNode unmatched = node.putObject("unmatched_types");
            s.unmatched().forEach(unmatched::put);
            ArrayNode pipelines = node.putArray("pipelines");
            for (StatusParts.PipelineStatus p : s.pipelines()) {
                ObjectNode pipeline = pipelines.addObject().put("name", p.name()).put("event_key", p.eventKey())
                        .put("state", p.state()).put("pid", p.pid() == 0 ? null : p.pid()).put("restarts", p.restarts())
                        .put("position", p.position()).put("lag", p.lag());
                counts(pipeline, p.counts() == null ? new StatusParts.PipelineCounts(0, 0, 0, 0) : p.counts());
                pipeline.put("last_error", p.lastError());
            }
        });
        return node;
    }

    private static void counts(ObjectNode node, StatusParts.PipelineCounts counts) {
        node.put("processed", counts.processed()).put("filtered", counts.filtered()).put("failed", counts.failed())
                .put("dead_lettered", counts.deadLettered());
    }
}
