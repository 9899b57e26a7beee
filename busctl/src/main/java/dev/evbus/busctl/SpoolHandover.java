package dev.evbus.busctl;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import dev.evbus.spool.SpoolFile;
import dev.evbus.spool.SpoolReader;
import dev.evbus.spool.SpoolWriter;
import java.io.IOException;
import java.util.Deque;

/**
 * The publisher's own spool: batches go to its tail (within the disk cap), and its files go to a
 * bus from the head, oldest first, each deleted once a synced bye says the bus stored it. The
 * spool holds the oldest events not yet with a bus, so everything in memory is newer than its
 * tail, and it is handed over before any of them. Its first {@link #ackedAtHead} events may
 * already be acknowledged (spilled while in flight): the handover skips them. Confined to the
 * publisher's thread, except {@link #spooledEvents}.
 * <pre>
 * state     what holds                          leaves by
 * empty     no file                             {@link #append} (a batch fits the disk cap)
 * holding   files, oldest first; appends go on  {@link #handOverOldest} of the last file: empty
 *           to the newest until its size rolls
 * </pre>
 * A handover waits on the link's synced bye, whose patience runs on the publisher's clock.
 */
final class SpoolHandover {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final SpoolWriter spool;
    private final long diskCapBytes;
    private final int batchBytes;
    /** Events appended since the last sync. */
    private long unsynced;
    /** Events at the head of the spool that a bus already acknowledged. */
    private long ackedAtHead;
    private boolean troubleLogged;
    /** Why the last write or sync of the spool failed; null while it works. Read by other threads. */
    private volatile String failure;
    /** Events in the spool not yet acknowledged; written here, read by {@link EventPublisher#stats()} from other threads. */
    private volatile long spooledEvents;

    SpoolHandover(SpoolWriter spool, long diskCapBytes, int batchBytes) {
        this.spool = spool;
        this.diskCapBytes = diskCapBytes;
        this.batchBytes = batchBytes;
    }

    long spooledEvents() {
        return spooledEvents;
    }

    long diskCapBytes() {
        return diskCapBytes;
    }

    boolean isEmpty() {
        return spool.oldest() == null;
    }

    /** Appends one batch; false when the disk cap is reached or the disk fails (the batch stays the caller's). */
    boolean append(PublishBuffer.Chunk chunk) {
        if (spool.bytes() + chunk.length() > diskCapBytes) {
            return false; // the frames wait in memory, and callers see drops once it is full
        }
        try {
            spool.append(chunk.bytes(), 0, chunk.length(), chunk.events());
        } catch (IOException e) {
            logTrouble(e);
            return false;
        }
        failure = null;
        unsynced += chunk.events();
        count();
        return true;
    }

    /** Moves batches from the head of {@code unsent} to the spool while they fit, releasing their memory. */
    void takeAll(Deque<PublishBuffer.Chunk> unsent, PublishBuffer buffer) {
        while (!unsent.isEmpty() && append(unsent.peekFirst())) {
            PublishBuffer.Chunk chunk = unsent.removeFirst();
            buffer.release(chunk.length(), chunk.events());
        }
    }

    /** A bus acknowledged events that are also at the head of the spool (spilled while in flight). */
    void headAcknowledged(int events) {
        ackedAtHead += events;
        count();
    }

    /** Forces the spool to disk; returns how many events that settled. */
    long sync() {
        try {
            spool.sync();
        } catch (IOException e) {
            logTrouble(e);
            return 0;
        }
        failure = null;
        long settled = unsynced;
        unsynced = 0;
        return settled;
    }

    /**
     * Sends the oldest spool file (less its acknowledged head), waits until the bus has stored it,
     * then deletes it; returns the events sent. {@code relieve} runs between batches and while
     * waiting, so memory can spill to newer files meanwhile.
     */
    long handOverOldest(BusLink link, Runnable relieve) throws IOException {
        SpoolFile file = spool.oldest();
        spool.seal(); // newer batches go to a newer file
        SpoolReader reader = file.reader((path, offset, reason) -> LOG.log(System.Logger.Level.WARNING,
                "spool file " + JsonText.quote(path.toString()) + " at byte " + offset + ": " + reason + "; skipped"));
        long skip = Math.min(ackedAtHead, file.events());
        ByteSink batch = new ByteSink(batchBytes + 4096);
        long read = 0;
        long events = 0;
        long inBatch = 0;
        for (Message.Publish p = reader.next(); p != null; p = reader.next()) {
            if (read++ < skip) {
                continue;
            }
            PublishFrame.writeTo(batch, p.eventType(), p.eventId(), p.sourceTime(), p.payload(), 0, p.payload().length, false);
            events++;
            inBatch++;
            if (batch.size() >= batchBytes) {
                link.sendUnacknowledged(batch, inBatch);
                batch.reset();
                inBatch = 0;
                relieve.run();
            }
        }
        if (batch.size() > 0) {
            link.sendUnacknowledged(batch, inBatch);
        }
        if (link.sentAny()) {
            link.endWithSync(relieve);
        }
        ackedAtHead -= skip;
        spool.delete(file);
        count();
        return events;
    }

    /** Syncs and gives up the files, leaving them for the next bus. */
    void close() {
        try {
            spool.close();
        } catch (IOException e) {
            logTrouble(e);
        }
    }

    private void count() {
        spooledEvents = spool.events() - ackedAtHead;
    }

    /** Why the spool cannot be written now (its directory and the OS's reason), or null while it works. */
    String failure() {
        return failure;
    }

    private void logTrouble(IOException e) {
        failure = spool.directory() + ": " + e.getMessage();
        if (!troubleLogged) {
            troubleLogged = true;
            LOG.log(System.Logger.Level.WARNING, "cannot write the spool: " + e.getMessage());
        }
    }
}
