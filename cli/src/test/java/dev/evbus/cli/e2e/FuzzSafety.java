package dev.evbus.cli.e2e;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Whether a fuzz connection's bytes leave the suite's own traffic alone, judged by splitting and
 * decoding them exactly as the bus does: no frame may be a shutdown (the bus would obey it), a
 * publish whose type or id could reach or shadow the watching consumer's events, or a hello
 * joining the watching consumer's subscription.
 */
record FuzzSafety(String watchedSubscription) {
    /** Event types and ids of the suite's own events contain this; fuzz frames never may. */
    static final String WATCH = "watch";

    boolean safe(byte[] connection) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(connection));
        try {
            while (true) {
                try {
                    if (!reader.next()) {
                        return true;
                    }
                    if (!safe(FrameCodec.decode(reader))) {
                        return false;
                    }
                } catch (FrameException unreadable) {
                    // the bus refuses it too
                }
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private boolean safe(Message message) {
        return switch (message) {
            case Message.Shutdown shutdown -> false;
            case Message.Publish publish -> !mentionsWatch(publish.eventType()) && !mentionsWatch(publish.eventId());
            case Message.Hello hello -> !watchedSubscription.equals(hello.subscriptionId());
            default -> true;
        };
    }

    private static boolean mentionsWatch(String text) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(WATCH);
    }
}
