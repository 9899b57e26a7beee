package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishDecoder;
import java.io.IOException;

/**
 * Serves connections whose first frame was a publish: every event the producer streams goes
 * through the hub's {@link EventIntake} into the log on the thread that read it, with no queue between.
 * One instance serves every producer; a stream's counters are locals of {@link #serve}, so the
 * per-event loop touches no shared state beyond the hub.
 */
final class ProducerStream {
    private static final int LOGGED_REJECTIONS_PER_PRODUCER = 5;
    /** How long a producer's final, synced ack may wait for the disk (docs/commands.md, {@code publish --ack}). */
    private static final long BYE_ACK_PATIENCE_MS = 60_000;
    /** How often a waiting bye looks whether the disk fails. */
    private static final long BYE_CHECK_MS = 250;

    private final Hub hub;
    private final RetentionLog events;
    private final BusLog log;
    /** Times a bye's patience. */
    private final TimeSource clock;

    ProducerStream(Hub hub, RetentionLog events, BusLog log, TimeSource clock) {
        this.hub = hub;
        this.events = events;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Waits until the bye's totals are sent; null then, else why they were not: the disk fails
     * (said at once: the bus keeps the events in memory and retries, but the producer asked for
     * them on disk), or the patience ran out.
     */
    private String awaitByeAck(ProducerAcks acks) throws InterruptedException {
        long deadline = clock.nanoTime() + BYE_ACK_PATIENCE_MS * 1_000_000;
        while (!acks.drain(BYE_CHECK_MS)) {
            String failure = events.stored().failure();
            if (failure != null) {
                return "events not stored on disk: the durable log " + failure
                        + " (the bus keeps them in memory and retries)";
            }
            if (clock.nanoTime() - deadline > 0) {
                return "events not stored on disk within " + BYE_ACK_PATIENCE_MS / 1000 + " s";
            }
        }
        return null;
    }

    /** Returns when the producer said bye (its totals sent) or went away. */
    void serve(Message.Publish first, Connection connection, FrameReader reader) throws IOException {
        hub.producerOpened();
        ProducerAcks acks = new ProducerAcks(events, connection::send, connection::close);
        // Publish frames are read in place: no Message, no payload copy, one scanner for the connection.
        PublishDecoder publishes = new PublishDecoder();
        BurstWakes wakes = new BurstWakes(events::wakeReaders);
        reader.beforeEachRead(wakes);
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long lastOffset = 0;
        try {
            Message message = first; // null while the frame just read is held by publishes
            String unreadable = null; // why the frame just read could not be decoded
            while (true) {
                if (message instanceof Message.Bye bye) {
                    events.wakeReaders();
                    Message.PublishAck totals = new Message.PublishAck(accepted, duplicates, rejected, lastOffset, false);
                    acks.send(totals, bye.sync() ? lastOffset + 1 : 0);
                    String unstored = awaitByeAck(acks);
                    if (unstored != null) { // the producer hears why, not a closed connection
                        acks.stop();
                        log.warn("not acknowledged to " + connection.who() + ": " + unstored);
                        connection.send(new Message.Error(unstored));
                    }
                    return;
                }
                String problem = unreadable;
                boolean publish = unreadable == null && (message == null || message instanceof Message.Publish);
                String eventType = null;
                boolean ack = false;
                if (publish) {
                    try {
                        long offset;
                        if (message instanceof Message.Publish decoded) {
                            eventType = decoded.eventType();
                            ack = decoded.ack();
                            offset = hub.intake.publish(eventType, decoded.eventId(), decoded.sourceTime(),
                                    decoded.payload(), false);
                        } else {
                            eventType = publishes.eventType();
                            ack = publishes.ack();
                            offset = hub.intake.publish(eventType, publishes.eventId(), publishes.sourceTime(),
                                    publishes.payloadBuffer(), publishes.payloadOffset(), publishes.payloadLength(), false);
                        }
                        if (offset != EventIntake.DUPLICATE) {
                            accepted++;
                            lastOffset = offset;
                            wakes.appended();
                        } else {
                            duplicates++;
                        }
                    } catch (EventIntake.Refused refused) {
                        problem = refused.getMessage();
                    }
                } else if (problem == null) {
                    problem = "unexpected frame in a publish stream";
                }
                if (problem != null) {
                    rejected++;
                    hub.counts.rejected(eventType);
                    if (rejected <= LOGGED_REJECTIONS_PER_PRODUCER) {
                        log.warn("rejected a publish from " + connection.who() + ": " + JsonText.quote(problem));
                    }
                }
                if (ack) {
                    acks.send(new Message.PublishAck(accepted, duplicates, rejected, lastOffset, false), lastOffset + 1);
                }
                unreadable = null;
                try {
                    message = null;
                    if (!reader.next() || !reader.terminated()) {
                        return;
                    }
                    if (!publishes.scan(reader)) {
                        message = publishes.decodeOther(reader);
                    }
                } catch (FrameException bad) {
                    message = null;
                    unreadable = bad.getMessage();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.wakeReaders();
            acks.stop();
            hub.producerClosed();
        }
    }
}
