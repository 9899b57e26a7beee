package dev.evbus.busctl;

import dev.evbus.event.TimeSource;
import dev.evbus.spool.SpoolWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The publisher's one thread: it takes batches from the {@link PublishBuffer} and decides, round
 * after round, where they go. Order is the invariant: the spool holds the oldest events not yet
 * with a bus, batches in flight come next, then {@link #unsent}; no frame is ever sent before an
 * older one, and a re-send (at least once; the bus drops repeated ids) happens only on a new
 * connection. The states, derived from {@link BusLink} and {@link SpoolHandover} by {@link #state()}:
 * <pre>
 * state     link    spool      a round ({@link #step()})                       leaves when
 * NO_BUS    closed  any        batches to the spool; connect once due          a connect succeeds
 * DIRECT    open    empty      batches sent, acks awaited                      memory spills / bus lost
 * HANDOVER  open    not empty  oldest spool file sent, synced bye, reconnect   spool empty / bus lost
 * </pre>
 * A connect is due when there is work for a bus and the back-off has run out on the clock: it
 * starts at 50 ms after a failed connect or a lost bus, doubles up to 1 s, and is reset by a
 * connect that works; a flush request makes it due at once.
 * <ul>
 * <li>{@link State#NO_BUS}: no connection. Batches go to the spool; a flush syncs it. A connect is
 * tried with back-off (at once on a flush) while there is anything for a bus.</li>
 * <li>{@link State#DIRECT}: connected, spool empty. Batches are sent with ack requests, up to a
 * window of memory in flight; acks release their memory.</li>
 * <li>{@link State#HANDOVER}: connected, spool not empty. Once nothing older is in flight, spool
 * files go over one by one, each ending with a synced bye (the connection then reopens); newer
 * batches wait in memory. Back to DIRECT when the spool is empty.</li>
 * </ul>
 * In any connected state, memory past half the cap <em>spills</em>: batches in flight are copied
 * to the spool (their acks still count) and the unsent ones follow, so callers are refused only
 * when the spool is at its cap too. A slow bus is kept while it answers; one that takes a second to
 * read a write, errs or goes away is dropped, and its unacknowledged batches go back first in line.
 * Everything here is confined to that thread except the volatile counter.
 */
final class PublisherLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final long IDLE_WAIT_MS = 1_000;

    enum State { NO_BUS, DIRECT, HANDOVER }

    private final PublishBuffer buffer;
    private final SpoolHandover spool;
    private final BusLink link;
    /** Memory bytes allowed in flight before waiting for acks; more would only block in writes. */
    private final long window;
    private final TimeSource clock;

    /** Batches taken from the buffer, not sent nor spooled, oldest first. */
    private final Deque<PublishBuffer.Chunk> unsent = new ArrayDeque<>();
    /** Events acknowledged or fsynced to the spool: what a flush waits for. */
    private long settled;
    private long backoffMs;
    private long nextConnectNanos;
    private long droppedSeen;
    private boolean inDropBurst;
    private long flushTargetTried;

    /** Events a bus acknowledged; written here, read by {@link EventPublisher#stats()} from other threads. */
    private volatile long sentEvents;

    PublisherLoop(PublishBuffer buffer, Path socket, SpoolWriter spool, long diskCapBytes, int batchBytes,
            TimeSource clock) {
        this.buffer = buffer;
        this.spool = new SpoolHandover(spool, diskCapBytes, batchBytes);
        this.link = new BusLink(socket, this::acknowledged, clock);
        this.window = Math.max(batchBytes, buffer.capBytes() / 4);
        this.clock = clock;
        this.nextConnectNanos = clock.nanoTime(); // due at once; the monotonic origin is arbitrary, not zero
    }

    long spooledEvents() { return spool.spooledEvents(); }

    long sentEvents() { return sentEvents; }

    String spoolFailure() { return spool.failure(); }

    State state() {
        if (!link.isOpen()) {
            return State.NO_BUS;
        }
        return spool.isEmpty() ? State.DIRECT : State.HANDOVER;
    }

    @Override
    public void run() {
        try {
            while (!buffer.stopping()) {
                step();
                reportDrops();
                pause();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            shutDown();
        }
    }

    /** One round: takes new batches and moves them (and the spool) as the state says. */
    void step() {
        buffer.drainTo(unsent);
        long flushTarget = buffer.flushRequested();
        if (flushTarget > flushTargetTried) {
            flushTargetTried = flushTarget;
            nextConnectNanos = clock.nanoTime(); // a flush asks again at once: a bus may have come since the last try
        }
        connectIfDue();
        if (link.isOpen()) {
            try {
                serveBus();
            } catch (IOException e) {
                lost(e);
            }
            connectIfDue(); // after a synced bye the next connection opens at once
        }
        if (state() == State.NO_BUS) {
            spool.takeAll(unsent, buffer);
            long target = buffer.flushRequested();
            if (target > 0 && unsent.isEmpty()) {
                settled += spool.sync();
                buffer.flushedThrough(Math.min(target, settled));
            }
            if (target > 0 && spool.failure() != null) {
                buffer.failFlushes(); // a flusher learns now that the spool fails, not at the end of its timeout
            }
        }
    }

    private void serveBus() throws IOException {
        link.readAcks();
        relieve();
        if (state() == State.HANDOVER) {
            if (!link.hasInFlight()) { // older frames in flight go first
                settled += spool.sync(); // what is spooled so far is on disk: a flush may count it
                sentEvents += spool.handOverOldest(link, this::relieve);
                nextConnectNanos = clock.nanoTime();
            }
            return;
        }
        while (!unsent.isEmpty() && link.inFlightBytes() < window) {
            link.send(unsent.removeFirst());
            relieve();
            if (state() != State.DIRECT) {
                return; // spilled: the spool goes first now
            }
        }
        long target = buffer.flushRequested();
        if (target > 0 && !link.hasInFlight()) {
            if (link.unsynced() > 0) {
                link.endWithSync(this::relieve);
                nextConnectNanos = clock.nanoTime();
            }
            buffer.flushedThrough(Math.min(target, settled));
        }
    }

    /**
     * Takes new batches; past half the memory cap, spills to the spool what it can, oldest first:
     * batches in flight, then unsent ones (never those before batches in flight still in memory).
     */
    private void relieve() {
        buffer.drainTo(unsent);
        if (buffer.counts().heldBytes() <= buffer.capBytes() / 2) {
            return;
        }
        link.spillInFlight(chunk -> {
            if (!spool.append(chunk)) {
                return false;
            }
            buffer.release(chunk.length(), chunk.events());
            return true;
        });
        if (!link.holdsMemory()) {
            spool.takeAll(unsent, buffer);
        }
    }

    /** A bus acknowledged a batch; {@code chunk} is null when it was spilled, and the spool has it too. */
    private void acknowledged(PublishBuffer.Chunk chunk, int events) {
        if (chunk == null) {
            spool.headAcknowledged(events);
        } else {
            buffer.release(chunk.length(), chunk.events());
            settled += events;
        }
        sentEvents += events;
    }

    private void connectIfDue() {
        if (link.isOpen() || !hasWorkForBus() || clock.nanoTime() - nextConnectNanos < 0) {
            return;
        }
        if (link.open()) {
            backoffMs = 0;
        } else {
            backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(2 * backoffMs, MAX_BACKOFF_MS);
            nextConnectNanos = clock.nanoTime() + PublishBuffer.nanos(backoffMs);
        }
    }

    /** The connection is gone: batches it did not acknowledge go back first in line, to be sent or spooled. */
    private void lost(IOException why) {
        LOG.log(System.Logger.Level.DEBUG, "bus connection lost: " + why.getMessage());
        takeBack();
        backoffMs = FIRST_BACKOFF_MS;
        nextConnectNanos = clock.nanoTime() + PublishBuffer.nanos(backoffMs);
    }

    private void takeBack() {
        for (Deque<PublishBuffer.Chunk> back = link.drop(); !back.isEmpty(); ) {
            unsent.addFirst(back.removeLast());
        }
    }

    /** Logs once per burst of drops, when it starts; a round without new drops ends the burst. */
    private void reportDrops() {
        long dropped = buffer.counts().dropped();
        if (dropped > droppedSeen && !inDropBurst) {
            LOG.log(System.Logger.Level.WARNING, "dropping events: the memory buffer (" + buffer.capBytes()
                    + " bytes) and the spool (" + spool.diskCapBytes() + " bytes) are full; " + dropped + " dropped so far");
        }
        inDropBurst = dropped > droppedSeen;
        droppedSeen = dropped;
    }

    /** Waits for an ack while batches are in flight, else for new frames (or the next connect). */
    void pause() throws InterruptedException {
        if (link.isOpen() && link.hasInFlight()) {
            try {
                link.pollAck();
            } catch (IOException e) {
                lost(e);
            }
            return;
        }
        buffer.awaitWork(PublishBuffer.nanos(idleWaitMillis()));
    }

    /** How long the thread may wait for new frames before the next round: till a connect is due, at most a second. */
    long idleWaitMillis() {
        if (link.isOpen() && (!unsent.isEmpty() || !spool.isEmpty())) {
            return 0;
        }
        if (!link.isOpen() && hasWorkForBus()) {
            return Math.max(0, (nextConnectNanos - clock.nanoTime()) / 1_000_000);
        }
        return IDLE_WAIT_MS;
    }

    private boolean hasWorkForBus() {
        return !unsent.isEmpty() || !spool.isEmpty() || buffer.hasFrames();
    }

    /** At the stop: frames still in memory go to the spool if they fit; the rest are counted and logged as dropped. */
    private void shutDown() {
        takeBack();
        buffer.drainTo(unsent);
        spool.takeAll(unsent, buffer);
        long lost = 0;
        for (PublishBuffer.Chunk chunk : unsent) {
            buffer.release(chunk.length(), chunk.events());
            lost += chunk.events();
        }
        if (lost > 0) {
            buffer.lost(lost);
            LOG.log(System.Logger.Level.WARNING, "closing: " + lost + " events neither reached a bus nor fit the spool");
        }
        spool.close();
    }
}
