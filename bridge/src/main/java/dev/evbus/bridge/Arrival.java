package dev.evbus.bridge;

import dev.evbus.protocol.EventRules;
import io.nats.client.Message;
import io.nats.client.impl.Headers;

/**
 * What one message pulled from the stream is to this host: an event to take in, this bus's own export
 * come back, or a reason to skip it. Another bus's message says everything in its {@code Evbus-*} headers; a plain NATS client's
 * message says only its subject, so the type is the subject after the prefix, the origin is
 * {@value #EXTERNAL}, the id is its {@code Nats-Msg-Id} (JetStream's own dedup key, so a re-sent
 * message is dropped here too), and the source time is when JetStream stored it.
 */
sealed interface Arrival {
    /** The origin of a message without an {@code Evbus-Origin} header. */
    String EXTERNAL = "external";

    /** The origin the headers name, or {@value #EXTERNAL}. */
    String origin();

    /** An event to put into the bus; {@code sourceTime} is epoch milliseconds as digits, or null for the bus's clock. */
    record Event(String origin, String type, String id, String sourceTime) implements Arrival {
    }

    /** An event this bus exported itself: its node in {@code Evbus-Origin}, never just a missing header. */
    record Echo(String origin) implements Arrival {
    }

    /** A message that cannot be an event of this app, and why. */
    record Unusable(String origin, String why) implements Arrival {
    }

    /** Reads {@code message}, published on {@code <subjectPrefix>.<type>}, as the bus of {@code node} sees it. */
    static Arrival of(Message message, String subjectPrefix, String node) {
        Headers headers = message.getHeaders();
        String origin = header(headers, "Evbus-Origin");
        if (node.equals(origin)) {
            return new Echo(origin);
        }
        origin = origin == null ? EXTERNAL : origin;
        String type = header(headers, "Evbus-Type");
        if (type == null) {
            String subject = message.getSubject();
            if (subject == null || !subject.startsWith(subjectPrefix + ".")) {
                return new Unusable(origin, "no Evbus-Type header, and the subject does not start with " + Quote.of(subjectPrefix + "."));
            }
            type = subject.substring(subjectPrefix.length() + 1);
            String problem = EventRules.typeProblem(type);
            if (problem != null) {
                return new Unusable(origin, "the type the subject names, " + Quote.of(type) + ", " + problem);
            }
        }
        return new Event(origin, type, header(headers, "Nats-Msg-Id"), sourceTime(message, headers));
    }

    /**
     * The sender's {@code Evbus-Source-Time} when it is epoch milliseconds, else when JetStream
     * stored the message, else null: now, by the bus's clock, which defaults every door's time.
     */
    private static String sourceTime(Message message, Headers headers) {
        String time = header(headers, "Evbus-Source-Time");
        if (time != null && time.length() <= 19 && EventRules.sourceTimeProblem(time) == null) { // 19 digits: a long's
            return time;
        }
        try {
            if (message.isJetStream()) {
                return Long.toString(message.metaData().timestamp().toInstant().toEpochMilli());
            }
        } catch (RuntimeException noMetadata) {
            // A reply subject JetStream did not write: the message's time is unknown, so it is now.
        }
        return null;
    }

    private static String header(Headers headers, String name) {
        String value = headers == null ? null : headers.getFirst(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
