package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.ManualTime;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AcceptorTest {
    private final ManualTime now = new ManualTime();
    private final List<String> logged = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private boolean running = true;

    private Acceptor acceptor(Acceptor.Listener listener) {
        return new Acceptor(listener, channel -> admitted.incrementAndGet(), () -> running,
                new LogThrottle(logged::add, now, 1, TimeUnit.SECONDS), millis -> {
                    pauses.add(millis);
                    now.advance(Duration.ofMillis(millis));
                });
    }

    /** Fails {@code failures} times with {@code failure}, then accepts once, then ends the loop. */
    private Acceptor.Listener failing(int failures, Throwable failure) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            int call = calls.incrementAndGet();
            if (call <= failures) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (Error) failure;
            }
            running = false;
            return SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        };
    }

    @Test
    void failedAcceptsBackOffFromTenMillisecondsDoublingToOneSecond() {
        acceptor(failing(9, new IOException("Too many open files"))).run();
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L), pauses);
        assertEquals(1, admitted.get(), "once descriptors are back, connections are taken again");
    }

    @Test
    void aFloodOfFailuresIsLoggedAtMostOncePerSecondWithACount() {
        acceptor(failing(9, new IOException("Too many open files"))).run();
        // 10+20+...+1000 ms: failures at 0, 10, 30, ... 1270, 2270, 3270 ms
        assertTrue(logged.size() <= 4, logged.toString());
        assertTrue(logged.get(0).startsWith("accept failed: IOException \"Too many open files\"; retrying in 10 ms"),
                logged.get(0));
        assertTrue(logged.stream().anyMatch(line -> line.contains("more like it")), logged.toString());
    }

    @Test
    void anErrorFromAcceptDoesNotEndTheLoop() {
        acceptor(failing(2, new OutOfMemoryError("unable to create native thread"))).run();
        assertEquals(1, admitted.get());
        assertEquals(List.of(10L, 20L), pauses);
    }

    @Test
    void aSuccessResetsTheBackoff() {
        AtomicInteger calls = new AtomicInteger();
        acceptor(() -> {
            int call = calls.incrementAndGet();
            if (call == 3 || call == 4) {
                return SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            }
            if (call > 6) {
                running = false;
                return SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            }
            throw new IOException("EMFILE");
        }).run();
        assertEquals(List.of(10L, 20L, 10L, 20L), pauses);
    }
}
