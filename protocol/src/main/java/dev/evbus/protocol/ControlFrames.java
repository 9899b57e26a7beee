package dev.evbus.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps control frames to and from JSON trees by hand. Data binding would do the same by
 * reflection, but its first use costs tens of milliseconds, and every consume is a fresh JVM.
 */
final class ControlFrames {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ControlFrames() {
    }

    /**
     * The frame's tree. A chain of {@code instanceof} rather than a pattern {@code switch}: every
     * client encodes a control frame before it is ready, and a type switch's first run makes the
     * JVM generate a class for it (JDK 25's AOT cache keeps lambdas, not those), which costs the
     * first frame of every process about 4 ms of the class-file API's start-up.
     */
    static ObjectNode toTree(Message message) {
        ObjectNode node = JSON.objectNode();
        if (message instanceof Message.Hello h) {
            node.put("type", "hello").put("pid", h.pid()).put("event_key", h.eventKey());
            strings(node.putArray("event_types"), h.eventTypes());
            node.put("version", h.version()).put("subscription_id", h.subscriptionId());
            ObjectNode params = node.putObject("params");
            h.params().forEach(params::put);
            node.put("as", h.as()).put("buffer_size", h.bufferSize()).put("single_consumer", h.singleConsumer());
            if (h.since() != null) {
                node.put("since", h.since());
            }
            if (h.durable() != null) {
                node.put("durable", h.durable());
            }
            if (!h.apiEnv().isEmpty()) {
                ObjectNode apiEnv = node.putObject("api_env");
                h.apiEnv().forEach(apiEnv::put);
            }
            if (h.caughtUp()) {
                node.put("caught_up", true);
            }
        } else if (message instanceof Message.HelloAck a) {
            node.put("type", "hello_ack").put("bus_version", a.busVersion())
                    .put("first_for_key", a.firstForKey()).put("rejected", a.rejected()).put("reject_reason", a.rejectReason())
                    .put("start_offset", a.startOffset()).put("missed", a.missed());
        } else if (message instanceof Message.SourceStatus s) {
            node.put("type", "source_status").put("source", s.source())
                    .put("state", s.state()).put("detail", s.detail());
        } else if (message instanceof Message.PreShutdownCheck c) {
            node.put("type", "pre_shutdown_check").put("event_key", c.eventKey())
                    .put("subscription_id", c.subscriptionId());
        } else if (message instanceof Message.PreShutdownAck a) {
            node.put("type", "pre_shutdown_ack").put("last_for_key", a.lastForKey());
        } else if (message instanceof Message.CaughtUp c) {
            node.put("type", "caught_up").put("offset", c.offset());
        } else if (message instanceof Message.SetupDone d) {
            node.put("type", "setup_done").put("ok", d.ok());
        } else if (message instanceof Message.Bye b) {
            node.put("type", "bye");
            if (b.sync()) {
                node.put("sync", true);
            }
        } else if (message instanceof Message.Commit c) {
            node.put("type", "commit").put("offset", c.offset());
            if (c.counts() != null) {
                StatusFrames.counts(node.putObject("counts"), c.counts());
            }
        } else if (message instanceof Message.CursorRemove c) {
            node.put("type", "cursor_remove").put("name", c.name());
        } else if (message instanceof Message.CursorRemoved c) {
            node.put("type", "cursor_removed").put("removed", c.removed())
                    .put("message", c.message());
        } else if (message instanceof Message.StatusQuery q) {
            node.put("type", "status_query");
        } else if (message instanceof Message.StatusResponse r) {
            StatusFrames.write(node, r);
        } else if (message instanceof Message.Reload) {
            node.put("type", "reload");
        } else if (message instanceof Message.Reloaded r) {
            node.put("type", "reloaded");
            strings(node.putArray("restarted"), r.restarted());
            strings(node.putArray("needs_restart"), r.needsRestart());
            node.put("refused", r.refused());
        } else if (message instanceof Message.Adopt a) {
            node.put("type", "adopt").put("pid", a.pid());
        } else if (message instanceof Message.Adopted a) {
            node.put("type", "adopted").put("pid", a.pid());
        } else if (message instanceof Message.Shutdown s) {
            node.put("type", "shutdown").put("force", s.force());
        } else if (message instanceof Message.ShutdownAck a) {
            node.put("type", "shutdown_ack").put("stopping", a.stopping());
            ArrayNode pids = node.putArray("consumers");
            a.consumers().forEach(pids::add);
            node.put("wait_ms", a.waitMs());
        } else if (message instanceof Message.PublishAck a) {
            node.put("type", "publish_ack").put("accepted", a.accepted())
                    .put("duplicates", a.duplicates()).put("rejected", a.rejected()).put("last_offset", a.lastOffset())
                    .put("stored", a.stored());
        } else if (message instanceof Message.Error e) {
            node.put("type", "error").put("message", e.message());
        } else if (message instanceof Message.Unknown) {
            node.put("type", "unknown");
        } else {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " has its own encoder");
        }
        return node;
    }

    static Message fromTree(String type, JsonNode node) throws FrameException {
        return switch (type) {
            case "hello" -> new Message.Hello(whole(node, "pid"), text(node, "event_key"),
                    strings(node, "event_types"), text(node, "version"), text(node, "subscription_id"),
                    params(node.path("params")), text(node, "as"), (int) Math.min(Integer.MAX_VALUE, whole(node, "buffer_size")),
                    node.path("single_consumer").asBoolean(), text(node, "since"), text(node, "durable"),
                    params(node.path("api_env")), node.path("caught_up").asBoolean());
            case "hello_ack" -> new Message.HelloAck(text(node, "bus_version"), node.path("first_for_key").asBoolean(),
                    node.path("rejected").asBoolean(), text(node, "reject_reason"), node.path("start_offset").asLong(),
                    node.path("missed").asLong());
            case "source_status" -> new Message.SourceStatus(text(node, "source"), text(node, "state"), text(node, "detail"));
            case "pre_shutdown_check" -> new Message.PreShutdownCheck(text(node, "event_key"), text(node, "subscription_id"));
            case "pre_shutdown_ack" -> new Message.PreShutdownAck(node.path("last_for_key").asBoolean());
            case "caught_up" -> new Message.CaughtUp(node.path("offset").asLong());
            case "setup_done" -> new Message.SetupDone(node.path("ok").asBoolean());
            case "bye" -> new Message.Bye(node.path("sync").asBoolean());
            case "commit" -> new Message.Commit(node.path("offset").asLong(), StatusFrames.counts(node.path("counts")));
            case "cursor_remove" -> new Message.CursorRemove(text(node, "name"));
            case "cursor_removed" -> new Message.CursorRemoved(node.path("removed").asBoolean(), text(node, "message"));
            case "status_query" -> new Message.StatusQuery();
            case "status_response" -> StatusFrames.read(node);
            case "reload" -> new Message.Reload();
            case "reloaded" -> new Message.Reloaded(strings(node, "restarted"), strings(node, "needs_restart"),
                    text(node, "refused"));
            case "adopt" -> new Message.Adopt(node.path("pid").asLong());
            case "adopted" -> new Message.Adopted(node.path("pid").asLong());
            case "shutdown" -> new Message.Shutdown(flag(node, "force"));
            case "shutdown_ack" -> new Message.ShutdownAck(node.path("stopping").asBoolean(), longs(node.path("consumers")),
                    node.path("wait_ms").asLong());
            case "publish_ack" -> new Message.PublishAck(node.path("accepted").asLong(), node.path("duplicates").asLong(),
                    node.path("rejected").asLong(), node.path("last_offset").asLong(), node.path("stored").asBoolean());
            case "error" -> new Message.Error(text(node, "message"));
            default -> new Message.Unknown();
        };
    }

    /**
     * A flag that stops or forces something: absent or null is false, true only as JSON {@code true};
     * {@code "true"} or {@code 1} is refused rather than read as a yes a client may not have meant.
     */
    private static boolean flag(JsonNode node, String field) throws FrameException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new FrameException("field " + field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** A whole number of at least 0; absent or null is 0. */
    private static long whole(JsonNode node, String field) throws FrameException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new FrameException("field " + field + " must be a whole number of 0 or more");
        }
        return value.asLong();
    }

    static String text(JsonNode node, String field) throws FrameException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new FrameException("field " + field + " must be a string");
        }
        return value.asText();
    }

    static List<String> strings(JsonNode node, String field) throws FrameException {
        JsonNode array = node.path(field);
        List<String> values = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new FrameException("field " + field + " must be an array of strings");
        }
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new FrameException("field " + field + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static List<Long> longs(JsonNode array) throws FrameException {
        List<Long> values = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new FrameException("expected an array of numbers");
        }
        for (JsonNode item : array) {
            if (!item.canConvertToLong()) {
                throw new FrameException("expected an array of numbers");
            }
            values.add(item.asLong());
        }
        return values;
    }

    private static Map<String, String> params(JsonNode object) throws FrameException {
        Map<String, String> values = new LinkedHashMap<>();
        if (object.isMissingNode() || object.isNull()) {
            return values;
        }
        if (!object.isObject()) {
            throw new FrameException("params must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new FrameException("param " + entry.getKey() + " must be a string");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
