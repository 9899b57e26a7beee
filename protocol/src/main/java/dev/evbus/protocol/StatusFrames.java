package dev.evbus.protocol;

import static dev.evbus.protocol.ControlFrames.strings;
import static dev.evbus.protocol.ControlFrames.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code status_response} frame, the largest of the control frames, as {@link ControlFrames}
 * writes and reads it; and a pipeline's counts, which a {@code commit} carries too.
 */
final class StatusFrames {
    private StatusFrames() {
    }

    static void write(ObjectNode node, Message.StatusResponse r) {
        node.put("type", "status_response").put("pid", r.pid()).put("app", r.app()).put("version", r.version())
                .put("started_at", r.startedAt()).put("uptime_sec", r.uptimeSec()).put("active_conns", r.activeConns())
                .put("published", r.published()).put("duplicates", r.duplicates()).put("rejected", r.rejected());
        ArrayNode consumers = node.putArray("consumers");
        for (StatusParts.ConsumerStatus c : r.consumers()) {
            ObjectNode consumer = consumers.addObject().put("pid", c.pid()).put("event_key", c.eventKey())
                    .put("subscription_id", c.subscriptionId());
            strings(consumer.putArray("event_types"), c.eventTypes());
            consumer.put("received", c.received()).put("dropped", c.dropped()).put("position", c.position())
                    .put("drop_reason", c.dropReason()).put("durable", c.durable());
            if (c.pipeline() != null) {
                counts(consumer.putObject("pipeline"), c.pipeline());
            }
        }
        if (r.log() != null) {
            StatusParts.LogStatus l = r.log();
            node.putObject("log").put("first_offset", l.firstOffset()).put("last_offset", l.lastOffset())
                    .put("bytes", l.bytes()).put("events", l.events()).put("oldest_age_ms", l.oldestAgeMs())
                    .put("max_bytes", l.maxBytes()).put("max_age_ms", l.maxAgeMs()).put("durable", l.durable())
                    .put("durable_offset", l.durableOffset());
        }
        ArrayNode cursors = node.putArray("cursors");
        for (StatusParts.CursorStatus c : r.cursors()) {
            cursors.addObject().put("name", c.name()).put("event_key", c.eventKey())
                    .put("subscription_id", c.subscriptionId()).put("offset", c.offset()).put("lag", c.lag())
                    .put("attached_pid", c.attachedPid()).put("updated_at", c.updatedAt());
        }
        ArrayNode sources = node.putArray("sources");
        for (StatusParts.SourceSummary c : r.sources()) {
            sources.addObject().put("name", c.name()).put("kind", c.kind()).put("address", c.address())
                    .put("state", c.state()).put("events_in", c.eventsIn()).put("errors", c.errors())
                    .put("last_event_at", c.lastEventAt()).put("detail", c.detail());
        }
        StatusParts.BridgeSummary b = r.bridge();
        if (b != null) {
            node.putObject("bridge").put("kind", b.kind()).put("node", b.node()).put("servers", b.servers())
                    .put("stream", b.stream()).put("state", b.state()).put("sent", b.sent())
                    .put("backlog", b.backlog()).put("missed", b.missed()).put("received", b.received())
                    .put("duplicates", b.duplicates()).put("lag", b.lag()).put("errors", b.errors())
                    .put("last_error", b.lastError()).put("last_error_at", b.lastErrorAt());
        }
        ObjectNode unmatched = node.putObject("unmatched_types");
        r.unmatched().forEach(unmatched::put);
        ArrayNode pipelines = node.putArray("pipelines");
        for (StatusParts.PipelineStatus p : r.pipelines()) {
            ObjectNode pipeline = pipelines.addObject().put("name", p.name()).put("event_key", p.eventKey())
                    .put("state", p.state()).put("pid", p.pid()).put("restarts", p.restarts())
                    .put("position", p.position()).put("lag", p.lag());
            counts(pipeline.putObject("counts"), p.counts());
            pipeline.put("last_error", p.lastError());
        }
    }

    static Message.StatusResponse read(JsonNode node) throws FrameException {
        List<StatusParts.ConsumerStatus> consumers = new ArrayList<>();
        for (JsonNode c : node.path("consumers")) {
            consumers.add(new StatusParts.ConsumerStatus(c.path("pid").asLong(), text(c, "event_key"),
                    text(c, "subscription_id"), strings(c, "event_types"), c.path("received").asLong(),
                    c.path("dropped").asLong(), c.path("position").asLong(), text(c, "drop_reason"),
                    text(c, "durable"), counts(c.path("pipeline"))));
        }
        JsonNode l = node.path("log");
        StatusParts.LogStatus log = l.isObject() ? new StatusParts.LogStatus(l.path("first_offset").asLong(),
                l.path("last_offset").asLong(), l.path("bytes").asLong(), l.path("events").asLong(),
                l.path("oldest_age_ms").asLong(), l.path("max_bytes").asLong(), l.path("max_age_ms").asLong(),
                l.path("durable").asBoolean(), l.path("durable_offset").asLong()) : null;
        List<StatusParts.CursorStatus> cursors = new ArrayList<>();
        for (JsonNode c : node.path("cursors")) {
            cursors.add(new StatusParts.CursorStatus(text(c, "name"), text(c, "event_key"), text(c, "subscription_id"),
                    c.path("offset").asLong(), c.path("lag").asLong(), c.path("attached_pid").asLong(),
                    text(c, "updated_at")));
        }
        List<StatusParts.SourceSummary> sources = new ArrayList<>();
        for (JsonNode c : node.path("sources")) {
            sources.add(new StatusParts.SourceSummary(text(c, "name"), text(c, "kind"), text(c, "address"),
                    text(c, "state"), c.path("events_in").asLong(), c.path("errors").asLong(),
                    c.path("last_event_at").asLong(), text(c, "detail")));
        }
        JsonNode b = node.path("bridge");
        StatusParts.BridgeSummary bridge = b.isObject() ? new StatusParts.BridgeSummary(text(b, "kind"), text(b, "node"),
                text(b, "servers"), text(b, "stream"), text(b, "state"), b.path("sent").asLong(),
                b.path("backlog").asLong(), b.path("missed").asLong(), b.path("received").asLong(),
                b.path("duplicates").asLong(), b.path("lag").asLong(), b.path("errors").asLong(),
                text(b, "last_error"), b.path("last_error_at").asLong()) : null;
        List<StatusParts.PipelineStatus> pipelines = new ArrayList<>();
        for (JsonNode p : node.path("pipelines")) {
            pipelines.add(new StatusParts.PipelineStatus(text(p, "name"), text(p, "event_key"), text(p, "state"),
                    p.path("pid").asLong(), p.path("restarts").asLong(), p.path("position").asLong(),
                    p.path("lag").asLong(), counts(p.path("counts")), text(p, "last_error")));
        }
        return new Message.StatusResponse(node.path("pid").asLong(), text(node, "app"), text(node, "version"),
                text(node, "started_at"), node.path("uptime_sec").asLong(), node.path("active_conns").asInt(),
                node.path("published").asLong(), node.path("duplicates").asLong(), node.path("rejected").asLong(),
                consumers, log, cursors, sources, bridge, typeCounts(node.path("unmatched_types")), pipelines);
    }

    private static Map<String, Long> typeCounts(JsonNode object) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        object.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }

    static void counts(ObjectNode node, StatusParts.PipelineCounts counts) {
        if (counts != null) {
            node.put("processed", counts.processed()).put("filtered", counts.filtered()).put("failed", counts.failed())
                    .put("dead_lettered", counts.deadLettered());
        }
    }

    /** Null when absent: a consumer without a pipeline sends none. */
    static StatusParts.PipelineCounts counts(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new StatusParts.PipelineCounts(node.path("processed").asLong(), node.path("filtered").asLong(),
                node.path("failed").asLong(), node.path("dead_lettered").asLong());
    }
}
