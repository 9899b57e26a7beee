package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos: consumers of a journaling key SIGKILLed at random points of their subscription's life,
 * several subscriptions at once, and stops raced by consumers. Whatever dies when, each
 * subscription's preConsume and cleanup strictly alternate and every generation gets exactly one
 * finished cleanup, by its last consumer or by the bus. Quick in {@code bin/test}; {@code bench/soak
 * chaos} runs the long form.
 */
@ExtendWith(EvbusExtension.class)
class ChaosIT {
    private static final List<String> ROOMS = List.of("r0", "r1", "r2");

    /** Where a consumer is when it is killed. */
    enum Phase { PRE, HELLO, CLEANUP, IDLE }

    @Test
    void consumersKilledAtRandomPointsLeaveEveryGenerationExactlyOneCleanup(Evbus evbus) throws Exception {
        PluginJar.install(evbus);
        evbus.env("EVBUS_IDLE_TIMEOUT", "1s"); // buses come and go between rounds too
        Journal journal = new Journal(evbus.workDir().resolve("journal.log"));
        int rounds = Soak.size(21, 201);
        long seed = System.nanoTime();
        long started = System.nanoTime();
        Map<Phase, AtomicInteger> kills = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            kills.put(phase, new AtomicInteger());
        }
        Map<Long, String> roomOf = new ConcurrentHashMap<>();
        ExecutorService rooms = Executors.newFixedThreadPool(ROOMS.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < ROOMS.size(); i++) {
                RoomChaos room = new RoomChaos(evbus, journal, ROOMS.get(i), new Random(seed + i), kills, roomOf);
                done.add(rooms.submit(() -> room.run(rounds / ROOMS.size())));
            }
            for (Future<?> room : done) {
                room.get(); // a room's failure fails the test here
            }
        } finally {
            rooms.shutdownNow();
        }
        awaitNoBus(evbus);

        int generations = 0;
        int byConsumer = 0;
        int byBus = 0;
        int withoutPre = 0;
        List<String> busLog = busLogWithRotated(evbus);
        for (String room : ROOMS) {
            JournalGenerations check = JournalGenerations.of(journal.entries(), room, roomOf.keySet());
            assertEquals(List.of(), check.violations(), "seed " + seed + ", room " + room + "\n" + journal);
            long opened = busLog.stream().filter(line -> line.contains("(first: runs preConsume)"))
                    .filter(line -> room.equals(roomOf.get(pidOf(line)))).count();
            assertEquals(opened, check.cleanups(), "seed " + seed + ", room " + room + ": one finished cleanup per generation the bus opened\n" + journal);
            assertEquals(opened, check.generations(), "seed " + seed + ", room " + room + "\n" + journal);
            generations += (int) opened;
            byConsumer += check.cleanupsByConsumer();
            byBus += check.cleanupsByBus();
            withoutPre += check.withoutPre();
        }
        Soak.figures("chaos", "rounds=" + rounds, "kills_pre=" + kills.get(Phase.PRE), "kills_hello=" + kills.get(Phase.HELLO),
                "kills_cleanup=" + kills.get(Phase.CLEANUP), "kills_idle=" + kills.get(Phase.IDLE), "generations=" + generations,
                "cleanups_by_consumer=" + byConsumer, "cleanups_by_bus=" + byBus, "generations_without_pre=" + withoutPre,
                "failures=0", "duration_s=" + Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @Test
    void aConsumerStartedRightAfterStopAlwaysGetsABus(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        evbus.env("EVBUS_IDLE_TIMEOUT", "30s");
        Journal journal = new Journal(evbus.workDir().resolve("journal.log"));
        int rounds = Soak.size(5, 50);
        Random random = new Random();
        long started = System.nanoTime();
        Set<Long> consumers = ConcurrentHashMap.newKeySet();
        int stopped = 0;
        int refused = 0;
        for (int round = 0; round < rounds; round++) {
            // Killed, so the bus runs its cleanup and its stop lasts that long: often longer than a
            // new bus waits for the alive lock (2 s), which is when a consumer starting one must wait.
            EvbusProcess victim = RoomChaos.consumer(evbus, journal, "s", 0, 500 + random.nextInt(3000)).awaitReady();
            consumers.add(victim.pid());
            victim.kill();
            victim.awaitExit();
            EvbusProcess stop = evbus.start("stop");
            EvbusProcess next = RoomChaos.consumer(evbus, journal, "s", 0, 0);
            consumers.add(next.pid());
            next.awaitReady();
            int stopExit = stop.awaitExit();
            assertTrue(stopExit == 0 || stopExit == 2, "stop: " + stop.describe());
            if (stopExit == 0) {
                stopped++;
            } else {
                assertTrue(stop.stderr().toString().contains("pid " + next.pid()), "refused for the new consumer: " + stop.describe());
                refused++;
            }
            next.terminate();
            assertEquals(0, next.awaitExit(), next.describe());
        }
        assertEquals(0, evbus.run("stop").exitCode());
        JournalGenerations check = JournalGenerations.of(journal.entries(), "s", consumers);
        assertEquals(List.of(), check.violations(), journal.toString());
        assertEquals(check.generations(), check.cleanups(), journal.toString());
        Soak.figures("chaos", "stop_then_consume_rounds=" + rounds, "stopped=" + stopped, "stop_refused=" + refused,
                "cleanups_by_consumer=" + check.cleanupsByConsumer(), "cleanups_by_bus=" + check.cleanupsByBus(),
                "failures=0", "duration_s=" + Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static void awaitNoBus(Evbus evbus) {
        Poll.until(Poll.PATIENCE, "the last bus to go idle and exit",
                () -> evbus.status().path("state").asText().equals("not_running"));
    }

    /** The bus log, its rotated part first, so no generation is missed on a long run. */
    private static List<String> busLogWithRotated(Evbus evbus) {
        List<String> lines = new ArrayList<>(Evbus.readLines(evbus.appDir().resolve("bus.log.1")));
        lines.addAll(evbus.busLogLines());
        return lines;
    }

    /** The consumer pid of a bus log line "... consumer pid N key ...". */
    private static long pidOf(String line) {
        String rest = line.substring(line.indexOf("consumer pid ") + "consumer pid ".length());
        return Long.parseLong(rest.substring(0, rest.indexOf(' ')));
    }
}
