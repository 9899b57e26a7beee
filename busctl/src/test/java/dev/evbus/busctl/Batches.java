package dev.evbus.busctl;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.PublishFrame;
import java.nio.charset.StandardCharsets;

/** Batches of publish frames as the publisher's buffer hands them on, for the tests of what takes them. */
final class Batches {
    private Batches() {
    }

    /** One frame per id, each of type {@code t.x}, source time 1 and payload {@code {}}. */
    static PublishBuffer.Chunk of(String... ids) {
        ByteSink frames = new ByteSink(256);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        for (String id : ids) {
            PublishFrame.writeTo(frames, "t.x", id, "1", payload, 0, payload.length, false);
        }
        return new PublishBuffer.Chunk(frames.array(), frames.size(), ids.length);
    }
}
