package dev.evbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketsTest {
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Accepts until a connection delivers a byte; a dial that only probed the address delivers none. */
    private static int firstByteFromAnyClient(ServerSocketChannel server) throws IOException {
        while (true) {
            try (SocketChannel accepted = server.accept()) {
                int b = ChannelStreams.in(accepted).read();
                if (b >= 0) {
                    return b;
                }
            }
        }
    }

    @Test
    void listenOnALiveAddressFailsAndLeavesTheLiveServerServing() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel live = UnixSockets.listenChannel(path, 16)) {
            assertThrows(AddressInUseException.class, () -> UnixSockets.listenChannel(path, 16));

            assertTrue(Files.exists(path));
            try (UnixConnection client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
                client.out().write(42);
                assertEquals(42, firstByteFromAnyClient(live));
            }
        }
    }

    @Test
    void listenReplacesASocketFileWhoseServerClosedWithoutUnlinking() throws Exception {
        Path path = dir.resolve("bus.sock");
        UnixSockets.listenChannel(path, 16).close(); // the JDK leaves the file behind
        assertTrue(Files.exists(path), "the stale socket file is still there");
        assertFalse(UnixSockets.answers(path));

        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             UnixConnection client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
            client.out().write(1);
            assertEquals(1, firstByteFromAnyClient(server));
        }
    }

    @Test
    void listenReplacesAPlainLeftoverFile() throws Exception {
        Path path = dir.resolve("bus.sock");
        Files.writeString(path, "left over");

        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             UnixConnection client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
            client.out().write(2);
            assertEquals(2, firstByteFromAnyClient(server));
        }
    }

    @Test
    void dialWithNobodyListeningFailsAtOnceWithoutTimingOut() throws Exception {
        assertThrows(IOException.class, () -> UnixSockets.dial(dir.resolve("nobody.sock"), DIAL_TIMEOUT));
        Path stale = dir.resolve("stale.sock");
        UnixSockets.listenChannel(stale, 16).close();
        long start = System.nanoTime();
        IOException refused = assertThrows(IOException.class, () -> UnixSockets.dial(stale, DIAL_TIMEOUT));
        assertFalse(refused instanceof SocketTimeoutException, refused.toString());
        assertTrue(System.nanoTime() - start < DIAL_TIMEOUT.toNanos(), "refused, not waited out");
    }

    @Test
    void answersIsTrueOnlyWhileAServerListens() throws Exception {
        Path path = dir.resolve("bus.sock");
        assertFalse(UnixSockets.answers(path));
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16)) {
            assertTrue(UnixSockets.answers(path));
        }
        assertFalse(UnixSockets.answers(path));
    }

    @Test
    void aDialToAListenerWhoseBacklogIsFullTimesOut() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel neverAccepts = UnixSockets.listenChannel(path, 1)) {
            List<SocketChannel> queued = Backlogs.fill(path);
            try {
                Duration timeout = Duration.ofMillis(300);
                long start = System.nanoTime();
                SocketTimeoutException slow = assertThrows(SocketTimeoutException.class, () -> UnixSockets.dial(path, timeout));
                assertTrue(System.nanoTime() - start >= timeout.toNanos(), "it waited the whole timeout");
                assertEquals("Resource temporarily unavailable", slow.getMessage());
                assertTrue(UnixSockets.answers(path), "a full backlog means a live, busy listener");
                assertThrows(AddressInUseException.class, () -> UnixSockets.listenChannel(path, 1));
                Stacks.awaitNoThread("evbus-connect"); // closing the channel ended each waiting connect
            } finally {
                Backlogs.close(queued);
            }
        }
    }

    @Test
    void aDialWaitingForRoomInTheBacklogConnectsOnceTheListenerAccepts() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel slowListener = UnixSockets.listenChannel(path, 1)) {
            List<SocketChannel> queued = Backlogs.fill(path);
            try {
                CompletableFuture<UnixConnection> dialled = CompletableFuture.supplyAsync(() -> {
                    try {
                        return UnixSockets.dial(path, Duration.ofSeconds(30));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Stacks.awaitThreadIn("evbus-connect", "sun.nio.ch.UnixDomainSockets", "connect");

                slowListener.accept().close(); // room for one more

                try (UnixConnection connection = dialled.get(10, TimeUnit.SECONDS)) {
                    connection.out().write(1);
                }
            } finally {
                Backlogs.close(queued);
            }
        }
    }
}
