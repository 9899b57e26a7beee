package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.ManualTime;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private final ManualTime now = new ManualTime();
    private final Deadlines deadlines = Deadlines.driven(now);

    private static final class Target implements Closeable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private void advanceMillis(long millis) {
        now.advance(Duration.ofMillis(millis));
    }

    @Test
    void anOperationThatOverstaysHasItsTargetClosedAtTheLimitAndNotBefore() {
        Target socket = new Target();
        deadlines.start(socket, 5_000);
        advanceMillis(4_999);
        assertEquals(0, deadlines.closeOverdue());
        assertFalse(socket.closed.get());
        advanceMillis(1);
        assertEquals(1, deadlines.closeOverdue());
        assertTrue(socket.closed.get());
        assertEquals(0, deadlines.pending());
    }

    @Test
    void anOperationClearedInTimeLeavesItsTargetOpen() {
        Target socket = new Target();
        Deadlines.Deadline write = deadlines.start(socket, 5_000);
        advanceMillis(4_000);
        deadlines.clear(write);
        advanceMillis(10_000);
        assertEquals(0, deadlines.closeOverdue());
        assertFalse(socket.closed.get());
    }

    @Test
    void clearingOneOperationKeepsTheDeadlineOfAnotherOnTheSameConnection() {
        // a stop's farewell and a writer's control frame, both on one socket: the farewell ends
        // first, and must not take the writer's limit with it
        Target socket = new Target();
        deadlines.start(socket, 5_000);
        Deadlines.Deadline farewell = deadlines.start(socket, 1_000);
        advanceMillis(500);
        deadlines.clear(farewell);
        assertEquals(1, deadlines.pending());
        advanceMillis(4_500);
        assertEquals(1, deadlines.closeOverdue());
        assertTrue(socket.closed.get(), "the writer's deadline still closed the stuck connection");
    }

    @Test
    void anExpiryReportsWhatWasBlockedAndForHowLong() {
        List<String> said = new ArrayList<>();
        Target socket = new Target();
        deadlines.start(socket, 5_000, "a PreShutdownAck frame",
                (deadline, blockedNanos) -> said.add(deadline.what + " blocked " + TimeUnit.NANOSECONDS.toMillis(blockedNanos)));
        advanceMillis(5_200);
        deadlines.closeOverdue();
        assertEquals(List.of("a PreShutdownAck frame blocked 5200"), said);
    }
}
