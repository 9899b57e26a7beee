package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reader thread's loop: frames from the bus become output until the bus answers our leave
 * request or goes away. Keys with no filters, no process hook and no --jq take a pass-through path
 * that copies the line the bus already rendered without decoding the frame; the others decode and
 * go through the shaper, on a {@link WorkerPool} when the key asks for workers.
 *
 * <p>Output is flushed whenever no more input is waiting, and only then are cursor commits offered:
 * a committed offset must never be ahead of what a reader of our output has actually got.
 * <pre>
 * state     an event                    caught_up                         ends by
 * reading   written; past --until: stop  live; a time bound the clock has  pre_shutdown_ack (returns
 *                                        passed: stop                      whether last); bus gone
 * stopping  dropped                     ignored                           the same
 * </pre>
 * Reading turns to stopping when {@link Departure} is asked to stop (a signal, --until, a limit,
 * closed stdout); a time bound still ahead stops a live consume when the clock reaches it.
 */
final class FrameLoop {
    private final BusConnection bus;
    private final EventShaper shaper;
    private final Departure departure;
    private final CursorCommits commits;
    private final PrintStream err;
    private final boolean quiet;
    private final long maxEvents;
    /** Offsets matter only to a named cursor; without one the pass-through path skips finding them. */
    private final boolean durable;
    /**
     * The fast path for keys that only pass events on (no match or process hook, no jq): an event
     * frame in the bus's own layout already is the output line once its {@code "type":"event"} is
     * dropped ({@link EventFrame#outputStart}), so it is printed without being decoded.
     */
    private final boolean passThrough;
    private final int workers;
    /** --until, or null. */
    private final UntilBound until;
    /** Its wall time decides a time bound of --until; the output clock's period runs on it too. */
    private final TimeSource clock;
    /** Set once the bus said this consumer reached the live edge ({@link Message.CaughtUp}). */
    private volatile boolean live;
    /** Events written so far, for --max-events; raised by the reader or by any worker. */
    private final AtomicLong outputEvents = new AtomicLong();

    FrameLoop(BusConnection bus, KeyDefinition key, ConsumeOptions options, EventShaper shaper,
            Departure departure, CursorCommits commits, PrintStream err, TimeSource clock) {
        this.bus = bus;
        this.shaper = shaper;
        this.departure = departure;
        this.commits = commits;
        this.err = err;
        this.quiet = options.quiet();
        this.maxEvents = options.maxEvents();
        this.durable = options.durable() != null;
        this.passThrough = options.jq() == null && !key.filters() && key.process().isEmpty() && key.pipeline().isEmpty()
                && !shaper.timed() && options.until() == null; // --until reads each event's offset and time
        this.until = options.until();
        this.clock = clock;
        this.workers = key.workers();
        shaper.onOutput(this::countOutput);
    }

    /**
     * Reads frames until the bus answers our leave request or goes away; true when we were the
     * subscription's last consumer. {@code busLog} is named when the bus is lost.
     */
    boolean run(Path busLog) {
        ByteSink scratch = new ByteSink(4096);
        WorkerPool pool = workers > 1 ? new WorkerPool(workers, this::deliverOnWorker, () -> flush(null)) : null;
        OutputClock ticks = shaper.timed() ? OutputClock.start(this::tick, clock) : null;
        long expectedSeq = 1;
        String busMessage = null;
        stopWhenLiveAt(until);
        try {
            while (true) {
                Message message;
                try {
                    if (!bus.reader().hasReadAhead()) {
                        flush(pool);
                    }
                    bus.advance();
                    // Once stopping, events take the decoder path too, where they are dropped.
                    if (passThrough && !departure.stopping()) {
                        FrameReader frame = bus.reader();
                        long seq = EventFrame.seqOf(frame.buffer(), frame.frameOffset(), frame.frameLength());
                        if (seq > 0) {
                            expectedSeq = checkSeq(seq, expectedSeq);
                            long offset = durable
                                    ? EventFrame.offsetOf(frame.buffer(), frame.frameOffset(), frame.frameLength()) : 0;
                            int start = EventFrame.outputStart(frame.buffer(), frame.frameOffset());
                            deliverRaw(frame.buffer(), start, frame.frameOffset() + frame.frameLength() - start);
                            commits.delivered(offset);
                            continue;
                        }
                    }
                    message = bus.decodeCurrent();
                } catch (IOException gone) {
                    if (!departure.stopping() || busMessage != null) {
                        lost(busMessage, busLog);
                    }
                    endOfStream(pool, ticks);
                    return false;
                }
                // instanceof, not a type switch: a switch's first run generates a class (see protocol's ControlFrames#toTree)
                if (message instanceof Message.Event event) {
                    if (departure.stopping()) {
                        continue;
                    }
                    expectedSeq = checkSeq(event.seq(), expectedSeq);
                    if (until != null && until.past(event)) {
                        untilReached(pool);
                        continue;
                    }
                    if (pool != null) {
                        pool.submit(event);
                    } else {
                        deliver(event, scratch);
                        commits.delivered(event.offset());
                    }
                } else if (message instanceof Message.PreShutdownAck ack) {
                    departure.answered();
                    endOfStream(pool, ticks);
                    commits.flushed(true);
                    return ack.lastForKey();
                } else if (message instanceof Message.CaughtUp caughtUp) {
                    live = true;
                    if (until != null && until.doneAtLiveEdge(caughtUp.offset(), clock.millis())) {
                        untilReached(pool);
                    }
                } else if (message instanceof Message.Error error) {
                    busMessage = error.message();
                } else if (message instanceof Message.SourceStatus status && !quiet) {
                    err.println("[event] source " + JsonText.quote(status.source()) + " " + status.state()
                            + (status.detail() == null ? "" : ": " + status.detail()));
                }
            }
        } finally {
            if (pool != null) {
                pool.finish();
            }
            if (ticks != null) {
                ticks.stop();
            }
        }
    }

    /**
     * A time bound still ahead ends a consume that is live once the clock passes it, though no
     * event comes then; one that is still reading retained events stops at the live edge instead.
     */
    private void stopWhenLiveAt(UntilBound bound) {
        if (bound instanceof UntilBound.Time time) {
            long wait = time.epochMillis() - clock.millis();
            if (wait >= 0) {
                StopTriggers.after(Duration.ofMillis(wait + 1), () -> {
                    if (live) {
                        departure.requestStop(StopReason.UNTIL);
                    }
                });
            }
        }
    }

    /** Everything within the bound is written first: workers finish what they hold, then the consumer leaves. */
    private void untilReached(WorkerPool pool) {
        if (pool != null) {
            pool.finish();
        }
        departure.requestStop(StopReason.UNTIL);
    }

    /**
     * No more events will come: workers finish, time-driven output stops, and what a pipeline
     * still holds (an open window, a partial batch) is written before the last flush.
     */
    private void endOfStream(WorkerPool pool, OutputClock ticks) {
        if (pool != null) {
            pool.finish();
        }
        if (ticks != null) {
            ticks.stop();
        }
        try {
            shaper.finish();
        } catch (IOException closed) {
            departure.requestStop(StopReason.STDOUT_CLOSED);
        }
        flush(null);
    }

    /** Runs on the output clock's thread. */
    private void tick() {
        try {
            shaper.tick();
        } catch (IOException closed) {
            departure.requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    /** Warns about the events a gap in seq says the bus dropped; returns the next expected seq. */
    private long checkSeq(long seq, long expected) {
        if (seq > expected) {
            err.println("[event] warning: missed " + (seq - expected) + " event(s) (seq " + expected + " to "
                    + (seq - 1) + "): the bus dropped them because this consumer fell behind");
        }
        return seq + 1;
    }

    private void lost(String busMessage, Path busLog) {
        departure.busLost();
        err.println("evbus: lost the connection to the bus" + (busMessage == null ? " (it exited)" : " (" + busMessage + ")")
                + "; see " + busLog);
    }

    private void deliverRaw(byte[] line, int offset, int length) {
        try {
            shaper.writeLine(line, offset, length);
        } catch (IOException closed) {
            departure.requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    private void deliver(Message.Event event, ByteSink scratch) {
        try {
            shaper.shape(event, scratch);
        } catch (IOException closed) {
            departure.requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    /** Events still queued for the workers when a stop comes are dropped, as the reader drops its own. */
    private void deliverOnWorker(Message.Event event, ByteSink scratch) {
        if (!departure.stopping()) {
            deliver(event, scratch);
            commits.delivered(event.offset());
        }
    }

    /** Called by the shaper for every document it writes, on whichever thread wrote it. */
    private void countOutput() {
        long count = outputEvents.incrementAndGet();
        if (maxEvents > 0 && count >= maxEvents) {
            departure.requestStop(StopReason.LIMIT);
        }
    }

    /** Skipped while workers are busy: the last one to finish flushes (the pool's drained callback). */
    private void flush(WorkerPool pool) {
        if (pool != null && !pool.idle()) {
            return;
        }
        try {
            shaper.flush();
            commits.flushed(false);
        } catch (IOException closed) {
            departure.requestStop(StopReason.STDOUT_CLOSED);
        }
    }
}
