package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.bus.log.StoredCursor;
import dev.evbus.event.ManualTime;
import dev.evbus.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Named cursors: attach, commit, and above all that a persist leaves the newest state on disk. */
class CursorsTest {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ManualTime clock = new ManualTime();
    private final Deadlines deadlines = Deadlines.driven(clock);
    private final HeldStore store = new HeldStore(List.of());
    private final Cursors cursors = new Cursors(store, clock);
    private final ConsumerConnection keeper = consumer(7);

    /** A store that records each completed save; the first save can be held at its start. */
    private static final class HeldStore implements Cursors.Store {
        final List<List<StoredCursor>> saved = new CopyOnWriteArrayList<>();
        final List<StoredCursor> onDisk;
        final CountDownLatch firstSaveEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstSave = new CountDownLatch(1);
        private boolean first = true;

        HeldStore(List<StoredCursor> onDisk) {
            this.onDisk = onDisk;
        }

        @Override
        public List<StoredCursor> load() {
            return onDisk;
        }

        @Override
        public void save(List<StoredCursor> cursors) {
            boolean hold;
            synchronized (this) {
                hold = first;
                first = false;
            }
            if (hold) {
                firstSaveEntered.countDown();
                try {
                    assertTrue(releaseFirstSave.await(10, TimeUnit.SECONDS), "the first save was never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            saved.add(List.copyOf(cursors));
        }

        long lastSavedOffset(String name) {
            List<StoredCursor> last = saved.get(saved.size() - 1);
            return last.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().offset();
        }
    }

    @Test
    void aPersistCalledWhileAnotherThreadIsSavingReturnsOnlyOnceTheNewestStateIsSaved() throws Exception {
        cursors.attach("keep", keeper);
        cursors.commit(keeper, "keep", 50);
        cursors.detach(keeper, "keep");

        // the tick thread takes the snapshot (offset 50) and is slow to write it
        Thread tick = tickHeldInItsSave();

        // the stopping bus persists once more, then exits: it must not return before offset 50 is saved
        int[] savesWhenStopReturned = {-1};
        Thread stop = new Thread(() -> {
            cursors.persist();
            savesWhenStopReturned[0] = store.saved.size();
        }, "stop");
        stop.start();
        awaitBlockedOrEnded(stop);
        store.releaseFirstSave.countDown();
        stop.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        tick.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        assertFalse(stop.isAlive() || tick.isAlive(), "persist did not return");

        assertEquals(1, savesWhenStopReturned[0], "the stopping persist returned before the tick's save of offset 50 ended");
        assertEquals(50, store.lastSavedOffset("keep"));
    }

    @Test
    void savesLandInTheOrderTheirSnapshotsWereTaken() throws Exception {
        cursors.attach("keep", keeper);
        cursors.commit(keeper, "keep", 10);
        Thread tick = tickHeldInItsSave();

        cursors.commit(keeper, "keep", 20);
        Thread later = new Thread(cursors::persist, "later");
        later.start();
        awaitBlockedOrEnded(later);
        store.releaseFirstSave.countDown();
        tick.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        later.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));

        assertEquals(2, store.saved.size());
        assertEquals(20, store.lastSavedOffset("keep"), "the older snapshot (10) must not be written last");
    }

    @Test
    void aConsumerAttachingToASavedCursorResumesRightAfterItsOffset() {
        Cursors restarted = new Cursors(new HeldStore(List.of(new StoredCursor("keep", "s", "raw", 50, "2026-01-01T00:00:00Z"))), clock);
        Cursors.Attach attach = restarted.attach("keep", keeper);
        assertEquals(new Cursors.Attach(51, true, null), attach);
    }

    @Test
    void aCursorInUseRefusesASecondConsumerAndACommitFromAnyoneButItsOwnIsIgnored() {
        ConsumerConnection owner = keeper;
        ConsumerConnection other = consumer(8);
        assertEquals(new Cursors.Attach(0, false, null), cursors.attach("keep", owner));
        assertTrue(cursors.attach("keep", other).rejected());
        cursors.commit(other, "keep", 99);
        cursors.commit(owner, "keep", 5);
        cursors.commit(owner, "keep", 3); // offsets never go back
        assertEquals(5, cursors.highestOffset());
    }

    /** Starts a persist on a thread of its own and returns once it is inside the store's held first save. */
    private Thread tickHeldInItsSave() throws InterruptedException {
        Thread tick = new Thread(cursors::persist, "tick");
        tick.start();
        assertTrue(store.firstSaveEntered.await(10, TimeUnit.SECONDS), "the tick's save never started");
        return tick;
    }

    /** Waits until the thread waits for a monitor (the fix) or has ended (the defect the test catches). */
    private static void awaitBlockedOrEnded(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.TERMINATED) {
            assertTrue(System.nanoTime() < deadline, "the thread neither blocked nor ended: " + thread.getState());
            Thread.sleep(1);
        }
    }

    private ConsumerConnection consumer(long pid) {
        Message.Hello hello = new Message.Hello(pid, "raw", List.of("*"), "0.1.0", "s", Map.of(), "user", 10, false);
        return new ConsumerConnection(hello, pid, () -> { }, new ByteArrayOutputStream(), deadlines);
    }
}
