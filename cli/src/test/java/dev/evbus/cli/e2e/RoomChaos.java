package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One room (one subscription) of {@link ChaosIT}: each round starts consumers and SIGKILLs one at
 * a random point of the subscription's life. Consumers stopped on purpose must exit 0.
 */
final class RoomChaos {
    private final Evbus evbus;
    private final Journal journal;
    private final String room;
    private final Random random;
    private final Map<ChaosIT.Phase, AtomicInteger> kills;
    /** Every consumer started, by pid, with its room; shared by all rooms. */
    private final Map<Long, String> roomOf;
    /** Consumers of this room that are alive and ready. */
    private final List<EvbusProcess> live = new ArrayList<>();

    RoomChaos(Evbus evbus, Journal journal, String room, Random random, Map<ChaosIT.Phase, AtomicInteger> kills,
              Map<Long, String> roomOf) {
        this.evbus = evbus;
        this.journal = journal;
        this.room = room;
        this.random = random;
        this.kills = kills;
        this.roomOf = roomOf;
    }

    /** A consumer of the journal key in {@code room}, its hooks lasting as long as asked. */
    static EvbusProcess consumer(Evbus evbus, Journal journal, String room, int preMs, int cleanupMs) {
        return evbus.consume("journal", "-p", "room=" + room, "-p", "file=" + journal.file(),
                "-p", "pre_ms=" + preMs, "-p", "cleanup_ms=" + cleanupMs);
    }

    void run(int rounds) {
        for (int round = 0; round < rounds; round++) {
            ChaosIT.Phase phase = ChaosIT.Phase.values()[random.nextInt(ChaosIT.Phase.values().length)];
            switch (phase) {
                case PRE -> killDuringPreConsume();
                case HELLO -> killRightAfterHello();
                case CLEANUP -> killDuringCleanup();
                case IDLE -> killWhileIdle();
            }
        }
        stopAll();
    }

    /** Alone in the room, so it is first: killed once its preConsume has begun. */
    private void killDuringPreConsume() {
        stopAll();
        EvbusProcess first = start(400 + random.nextInt(600), random.nextInt(300));
        awaitJournal("pre", first);
        kill(first, ChaosIT.Phase.PRE);
    }

    /** Killed as soon as the bus logs it attached: first or not, before or in its preConsume, or just after. */
    private void killRightAfterHello() {
        EvbusProcess consumer = start(random.nextInt(200), random.nextInt(300));
        String attached = "consumer pid " + consumer.pid() + " key \"journal\"";
        Poll.until(Poll.PATIENCE, "the bus to log pid " + consumer.pid() + " attached",
                () -> evbus.busLogLines().stream().anyMatch(line -> line.contains(attached) && line.contains(" attached at ")),
                consumer::describe);
        kill(consumer, ChaosIT.Phase.HELLO);
    }

    /** The last consumer, stopped so it runs its cleanup, killed in the middle of it: the bus must finish it. */
    private void killDuringCleanup() {
        stopAll();
        EvbusProcess last = start(0, 1500).awaitReady();
        last.terminate();
        awaitJournal("cleanup-start", last);
        kill(last, ChaosIT.Phase.CLEANUP);
    }

    /**
     * A ready consumer, often one of several, killed while it waits for events; the others stay,
     * so later rounds stop them cleanly (the last runs its own cleanup) or join beside them.
     */
    private void killWhileIdle() {
        int more = live.isEmpty() ? 1 + random.nextInt(2) : random.nextInt(2);
        for (int i = 0; i < more; i++) {
            live.add(start(0, random.nextInt(300)).awaitReady());
        }
        kill(live.remove(random.nextInt(live.size())), ChaosIT.Phase.IDLE);
    }

    private EvbusProcess start(int preMs, int cleanupMs) {
        EvbusProcess consumer = consumer(evbus, journal, room, preMs, cleanupMs);
        roomOf.put(consumer.pid(), room);
        return consumer;
    }

    private void awaitJournal(String hook, EvbusProcess consumer) {
        Journal.Entry wanted = new Journal.Entry(hook, room, consumer.pid());
        Poll.until(Poll.PATIENCE, hook + " of pid " + consumer.pid(), () -> journal.entries().contains(wanted),
                () -> consumer.describe() + "\n" + journal);
    }

    private void kill(EvbusProcess consumer, ChaosIT.Phase phase) {
        consumer.kill();
        consumer.awaitExit();
        kills.get(phase).incrementAndGet();
    }

    private void stopAll() {
        while (!live.isEmpty()) {
            stopCleanly(live.removeLast());
        }
    }

    private static void stopCleanly(EvbusProcess consumer) {
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }
}
