package dev.evbus.cli.e2e;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a fuzz connection's bytes leave the suite's own traffic alone, judged by splitting and
 * decoding them exactly as the bus does: no frame may be a forced shutdown (the bus would obey it
 * and end the run), a publish whose type or id could reach or shadow the watching consumer's
 * events, or a hello joining the watching consumer's subscription. An unforced shutdown is
 * allowed: the bus must refuse it while the watching consumer is attached.
 */
record FuzzSafety(String watchedSubscription) {
    /** Event types and ids of the suite's own events contain this; fuzz frames never may. */
    static final String WATCH = "watch";

    /** One frame as the bus reads it: decoded, or null where the bytes are no frame; and whether its newline came. */
    record Read(Message message, boolean terminated) {
    }

    /** A connection's frames, split and decoded exactly as the bus does, in order. */
    static List<Read> read(byte[] connection) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(connection));
        List<Read> frames = new ArrayList<>();
        try {
            while (true) {
                try {
                    if (!reader.next()) {
                        return frames;
                    }
                    frames.add(new Read(FrameCodec.decode(reader), reader.terminated()));
                } catch (FrameException unreadable) {
                    frames.add(new Read(null, true)); // the bus refuses it too
                }
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /**
     * The wire type of the first frame as the bus acts on it (decoded and ended by its newline):
     * {@code hello}, {@code shutdown}, ..., or {@code other} for a frame that may not come first;
     * null when the bus refuses it unread.
     */
    static String firstActedOn(List<Read> frames) {
        if (frames.isEmpty() || !frames.getFirst().terminated() || frames.getFirst().message() == null) {
            return null;
        }
        return switch (frames.getFirst().message()) {
            case Message.Hello hello -> "hello";
            case Message.Publish publish -> "publish";
            case Message.StatusQuery query -> "status_query";
            case Message.CursorRemove remove -> "cursor_remove";
            case Message.Shutdown shutdown -> "shutdown";
            default -> "other";
        };
    }

    /** Judges every frame that decodes, the unterminated last one too: whether the bus acts on it is not this check's business. */
    boolean safe(List<Read> frames) {
        return frames.stream().map(Read::message).allMatch(this::safe);
    }

    private boolean safe(Message message) {
        return switch (message) {
            case null -> true;
            case Message.Shutdown shutdown -> !shutdown.force();
            case Message.Publish publish -> !mentionsWatch(publish.eventType()) && !mentionsWatch(publish.eventId());
            case Message.Hello hello -> !watchedSubscription.equals(hello.subscriptionId());
            default -> true;
        };
    }

    private static boolean mentionsWatch(String text) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(WATCH);
    }
}
