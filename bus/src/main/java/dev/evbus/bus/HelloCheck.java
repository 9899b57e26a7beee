package dev.evbus.bus;

import dev.evbus.event.EventTypePattern;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;

/**
 * What a bus refuses in a hello, in two kinds, as {@code docs/protocol.md} describes them: a field
 * missing or malformed is the client's mistake, answered with an {@code error} frame naming the
 * field; a well-formed hello of another evbus version is answered with a rejected {@code hello_ack},
 * which evbus's own clients act on (they stop the older bus and start their own).
 */
final class HelloCheck {
    private HelloCheck() {
    }

    /** The first field missing or malformed, worded for an {@code error} frame; null when every field is usable. */
    static String fieldProblem(Message.Hello hello) {
        if (hello.version() == null || hello.version().isEmpty()) {
            return "hello: field version is missing; send the protocol version this bus speaks, \""
                    + ProtocolVersion.CURRENT + "\"";
        }
        if (!ProtocolVersion.isWellFormed(hello.version())) {
            return "hello: field version " + JsonText.quote(hello.version()) + " is not MAJOR.MINOR.PATCH; send \""
                    + ProtocolVersion.CURRENT + "\", the protocol version this bus speaks";
        }
        if (hello.eventKey() == null || hello.eventKey().isEmpty()) {
            return "hello: field event_key is missing; name the key subscribed to, such as \"raw\"";
        }
        if (hello.subscriptionId() == null || hello.subscriptionId().isEmpty()) {
            return "hello: field subscription_id is missing; consumers that share one share its setup and cleanup,"
                    + " such as \"raw\"";
        }
        if (hello.eventTypes().isEmpty()) {
            return "hello: field event_types is missing or empty; list the event types to receive, such as [\"order.*\"]"
                    + " or [\"*\"]";
        }
        for (int i = 0; i < hello.eventTypes().size(); i++) {
            String type = hello.eventTypes().get(i);
            String problem = EventTypePattern.problem(type);
            if (problem != null) {
                return "hello: field event_types[" + i + "] " + JsonText.quote(type) + ": " + problem;
            }
        }
        String list = EventTypePattern.listProblem(hello.eventTypes());
        return list == null ? null : "hello: field event_types: " + list;
    }

    /**
     * Why this bus will not serve a well-formed hello of another version, for a rejected
     * {@code hello_ack}; null when it will.
     */
    static String versionRefusal(Message.Hello hello) {
        String incompatible = ProtocolVersion.incompatibility(ProtocolVersion.CURRENT, hello.version());
        return incompatible == null ? null : incompatible + "; stop this bus (pid " + ProcessHandle.current().pid()
                + ") with `evbus stop` and connect again to start one of the client's version";
    }
}
