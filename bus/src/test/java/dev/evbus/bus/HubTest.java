package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's bookkeeping: who is first, who is last, who waits, and who cleans up. */
class HubTest {
    private final List<String> busCleanups = new CopyOnWriteArrayList<>();
    private final Deadlines deadlines = Deadlines.watched(TimeSource.system());
    private final RetentionLog events = openLog();
    private final BusLog log = BusLog.to(new PrintStream(new ByteArrayOutputStream()));
    private final Hub hub = new Hub(new DedupFilter(), new BusCleanups(
            last -> busCleanups.add(last.eventKey() + " " + last.subscriptionId() + " " + last.params() + " " + last.as()),
            log, Duration.ofSeconds(60), TimeSource.system()), log, events, new Cursors(Cursors.Store.NONE, TimeSource.system()),
            TimeSource.system());

    private static RetentionLog openLog() {
        try {
            return RetentionLog.open(Retention.DEFAULTS, LogStorage.MEMORY, TimeSource.system());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopWatchdog() {
        deadlines.close();
        events.close();
    }

    @Test
    void firstConsumerOfASubscriptionIsToldToRunPreConsumeAndOthersWaitForIt() throws Exception {
        ConsumerConnection first = consumer(101, "room:a", false, "order.*");
        assertTrue(hub.join(first).first());
        CompletableFuture<Hub.Join> second = CompletableFuture.supplyAsync(() -> join(consumer(102, "room:a", false, "order.*")));
        assertWaiting(second);
        hub.setupDone(first);
        assertFalse(second.get(5, TimeUnit.SECONDS).first());
    }

    @Test
    void onlyTheLastLeavingConsumerIsLastEvenWhenBothLeaveTogether() throws Exception {
        ConsumerConnection a = consumer(1, "s", false, "*");
        ConsumerConnection b = consumer(2, "s", false, "*");
        hub.join(a);
        hub.setupDone(a);
        hub.join(b);
        assertFalse(hub.leave(a));
        assertTrue(hub.leave(b));
        hub.disconnect(a);
        b.byeReceived = true;
        hub.disconnect(b);
        assertEquals(List.of(), busCleanups);
    }

    @Test
    void helloDuringACleanupWaitsUntilTheCleaningConsumerDisconnectsThenIsFirstAgain() throws Exception {
        ConsumerConnection leaving = consumer(1, "s", false, "*");
        hub.join(leaving);
        hub.setupDone(leaving);
        assertTrue(hub.leave(leaving));
        CompletableFuture<Hub.Join> newcomer = CompletableFuture.supplyAsync(() -> join(consumer(2, "s", false, "*")));
        assertWaiting(newcomer);
        leaving.byeReceived = true;
        hub.disconnect(leaving);
        assertTrue(newcomer.get(5, TimeUnit.SECONDS).first());
        assertEquals(List.of(), busCleanups);
    }

    @Test
    void lastConsumerVanishingWithoutCleanupMakesTheBusRunItOnceWithItsParams() throws Exception {
        ConsumerConnection a = consumer(1, "journal:x", false, "*");
        ConsumerConnection b = consumer(2, "journal:x", false, "*");
        hub.join(a);
        hub.setupDone(a);
        hub.join(b);
        hub.disconnect(a);
        assertEquals(List.of(), busCleanups, "one consumer is still there");
        hub.disconnect(b);
        assertTrue(hub.lifecycle().stop().awaitDrained(Duration.ofSeconds(5)));
        assertEquals(List.of("journal journal:x {room=x} bot"), busCleanups);
    }

    @Test
    void consumerKilledDuringItsOwnCleanupLeavesTheCleanupToTheBus() throws Exception {
        ConsumerConnection only = consumer(1, "s", false, "*");
        hub.join(only);
        hub.setupDone(only);
        assertTrue(hub.leave(only));
        hub.disconnect(only); // no bye: it never finished
        assertTrue(hub.lifecycle().stop().awaitDrained(Duration.ofSeconds(5)));
        assertEquals(1, busCleanups.size());
    }

    @Test
    void secondConsumerOfASingleConsumerKeyIsRefusedNamingTheFirstPid() throws Exception {
        ConsumerConnection first = consumer(4242, "solo", true, "*");
        hub.join(first);
        hub.setupDone(first);
        Hub.Join refused = hub.join(consumer(7, "solo", true, "*"));
        assertTrue(refused.rejected());
        assertTrue(refused.rejectReason().contains("pid 4242"), refused.rejectReason());
    }

    @Test
    void eventsGoOnlyToConsumersWhoseTypesMatchAndDuplicatesGoNowhere() throws Exception {
        ByteArrayOutputStream ordersOut = new ByteArrayOutputStream();
        ConsumerConnection orders = consumer(1, "a", false, ordersOut, "order.*");
        ConsumerConnection everything = consumer(2, "b", false, new ByteArrayOutputStream(), "*");
        hub.join(orders);
        hub.join(everything);
        assertEquals(1, hub.intake.publish("order.placed", "e1", "1", "{}".getBytes(), false));
        assertEquals(2, hub.intake.publish("user.created", "e2", "2", "{}".getBytes(), false));
        assertEquals(-1, hub.intake.publish("order.placed", "e1", "3", "{}".getBytes(), false), "a duplicate");
        orders.startWriter(Thread.ofVirtual());
        events.wakeReaders();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (orders.received() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        orders.close();
        Message.Event event = (Message.Event) FrameCodec.decode(ordersOut.toByteArray(), 0, ordersOut.size() - 1);
        assertEquals("e1", event.eventId());
        assertEquals(1, event.offset());
        assertEquals(1, event.seq());
        assertEquals(1, orders.received());
        assertEquals(2, hub.counts.total().accepted());
        assertEquals(1, hub.counts.total().duplicates());
    }

    @Test
    void aConsumerAskingForEverythingStartsAtTheFirstRetainedOffsetAndALiveOneAtTheEnd() throws Exception {
        hub.intake.publish("t", null, "1", "1".getBytes(), false);
        hub.intake.publish("t", null, "1", "2".getBytes(), false);
        ConsumerConnection replay = reader(1, "a", "all", null);
        ConsumerConnection live = reader(2, "b", null, null);
        assertEquals(1, hub.join(replay).startOffset());
        assertEquals(3, hub.join(live).startOffset());
    }

    @Test
    void aNamedCursorIsUsedByOneConsumerAtATimeAndResumesAfterItsLastCommit() throws Exception {
        for (int i = 0; i < 5; i++) {
            hub.intake.publish("t", null, "1", "0".getBytes(), false);
        }
        ConsumerConnection first = reader(1, "s", "all", "audit");
        assertEquals(1, hub.join(first).startOffset());
        hub.setupDone(first);
        Hub.Join second = hub.join(reader(2, "s", null, "audit"));
        assertTrue(second.rejected() && second.rejectReason().contains("in use by pid 1"), second.toString());
        hub.commit(first, 3);
        hub.disconnect(first);
        assertEquals(4, hub.join(reader(3, "s", null, "audit")).startOffset());
        Hub.Join other = hub.join(reader(4, "t", null, "audit"));
        assertTrue(other.rejected() && other.rejectReason().contains("belongs to subscription"), other.toString());
    }

    private Hub.Join join(ConsumerConnection consumer) {
        try {
            return hub.join(consumer);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWaiting(CompletableFuture<Hub.Join> join) throws Exception {
        try {
            join.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("join returned while the subscription was locked: " + join.get());
        } catch (TimeoutException stillWaiting) {
            // as it should
        }
    }

    private ConsumerConnection consumer(long pid, String subscription, boolean single, String... types) {
        return consumer(pid, subscription, single, new ByteArrayOutputStream(), types);
    }

    private ConsumerConnection consumer(long pid, String subscription, boolean single, ByteArrayOutputStream out,
                                        String... types) {
        return replaying(pid, subscription, single, out, null, null, types);
    }

    private ConsumerConnection reader(long pid, String subscription, String since, String durable) {
        return replaying(pid, subscription, false, new ByteArrayOutputStream(), since, durable, "*");
    }

    private ConsumerConnection replaying(long pid, String subscription, boolean single, ByteArrayOutputStream out,
                                         String since, String durable, String... types) {
        Message.Hello hello = new Message.Hello(pid, subscription.split(":")[0], List.of(types), "0.1.0", subscription,
                Map.of("room", "x"), "bot", 10, single, since, durable);
        return new ConsumerConnection(hello, pid, () -> { }, out, deadlines);
    }
}
