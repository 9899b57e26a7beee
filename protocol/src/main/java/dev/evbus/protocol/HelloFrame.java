package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes the hello frame a consumer opens with, by hand: the same bytes as the JSON tree that
 * {@link ControlFrames} builds would give through Jackson's generator (FrameCodecTest holds it to
 * that), without the generator. A consumer of the built-in key then needs no Jackson factory,
 * parser or generator at all, and its AOT cache holds none of their classes.
 */
final class HelloFrame {
    private static final byte[] HEAD = "{\"type\":\"hello\",\"pid\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.UTF_8);

    private HelloFrame() {
    }

    static byte[] encode(Message.Hello hello) {
        ByteSink out = new ByteSink(256);
        out.write(HEAD);
        out.writeDecimal(hello.pid());
        field(out, "event_key");
        string(out, hello.eventKey());
        field(out, "event_types");
        strings(out, hello.eventTypes());
        field(out, "version");
        string(out, hello.version());
        field(out, "subscription_id");
        string(out, hello.subscriptionId());
        field(out, "params");
        object(out, hello.params());
        field(out, "as");
        string(out, hello.as());
        field(out, "buffer_size");
        out.writeDecimal(hello.bufferSize());
        field(out, "single_consumer");
        out.write(hello.singleConsumer() ? TRUE : FALSE);
        if (hello.since() != null) {
            field(out, "since");
            string(out, hello.since());
        }
        if (hello.durable() != null) {
            field(out, "durable");
            string(out, hello.durable());
        }
        if (!hello.apiEnv().isEmpty()) {
            field(out, "api_env");
            object(out, hello.apiEnv());
        }
        if (hello.caughtUp()) {
            field(out, "caught_up");
            out.write(TRUE);
        }
        out.write('}');
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code ,"name":}: every field but the first, which {@link #HEAD} writes. */
    private static void field(ByteSink out, String name) {
        out.write(',');
        out.writeQuoted(name);
        out.write(':');
    }

    private static void string(ByteSink out, String text) {
        if (text == null) {
            out.write(NULL);
        } else {
            out.writeQuoted(text);
        }
    }

    private static void strings(ByteSink out, List<String> texts) {
        out.write('[');
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            string(out, texts.get(i));
        }
        out.write(']');
    }

    /** The map's members in its own iteration order, as the tree is filled from it. */
    private static void object(ByteSink out, Map<String, String> members) {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeQuoted(member.getKey());
            out.write(':');
            string(out, member.getValue());
        }
        out.write('}');
    }
}
