package dev.evbus.bus;

import dev.evbus.bus.log.LogReader;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.Message;
import java.util.List;

/**
 * Refills the dedup window from a durable log when a bus starts: the newest retained events' ids
 * count as seen, so an event sent again across a bus restart (a publisher's unacknowledged batch, a
 * JetStream message redelivered because the killed bus never acknowledged it) is still dropped.
 */
final class DedupSeed {
    private DedupSeed() {
    }

    /** Offers the ids of the newest {@code count} retained events to {@code dedup}; returns how many it offered. */
    static int fromLog(RetentionLog events, DedupFilter dedup, int count) {
        LogReader reader = events.openReader(List.of("*"), Math.max(0, events.endOffset() - count));
        int offered = 0;
        try {
            ByteSink frames = new ByteSink(1 << 16);
            while (reader.read(frames, 1 << 16) > 0) {
                offered += offerIds(frames, dedup);
                frames.reset();
            }
        } finally {
            events.closeReader(reader);
        }
        return offered;
    }

    private static int offerIds(ByteSink frames, DedupFilter dedup) {
        byte[] data = frames.array();
        int offered = 0;
        int start = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (data[i] != '\n') {
                continue;
            }
            try {
                if (FrameCodec.decode(data, start, i - start) instanceof Message.Event event && event.eventId() != null) {
                    dedup.firstSighting(event.eventId());
                    offered++;
                }
            } catch (FrameException impossible) {
                // the log only holds frames the bus encoded; one that does not decode has no id to remember
            }
            start = i + 1;
        }
        return offered;
    }
}
