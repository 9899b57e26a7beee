package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import dev.evbus.transport.ChannelStreams;
import dev.evbus.transport.UnixSockets;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What callers of a connection tell apart, and the texts users see, over real sockets. */
class BusConnectionTest {
    @TempDir
    Path dir;

    @Test
    void noSocketFileAndAStaleOneAreNoBus() throws Exception {
        Path missing = dir.resolve("missing.sock");
        NoBusException none = assertThrows(NoBusException.class, () -> BusConnection.open(missing));
        assertEquals("no bus answers on " + missing, none.getMessage());

        Path stale = dir.resolve("stale.sock");
        UnixSockets.listenChannel(stale, 16).close();
        assertTrue(Files.exists(stale));
        assertThrows(NoBusException.class, () -> BusConnection.open(stale));
    }

    @Test
    void aBusWhoseBacklogStaysFullIsATimeoutNotNoBus() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel neverAccepts = UnixSockets.listenChannel(path, 1)) {
            List<SocketChannel> queued = fillBacklog(path);
            try {
                SocketTimeoutException slow = assertThrows(SocketTimeoutException.class, () -> BusConnection.open(path));
                assertEquals("Resource temporarily unavailable", slow.getMessage());
            } finally {
                for (SocketChannel channel : queued) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void anAnswerThatDoesNotComeTimesOutAndALateOneIsStillRead() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             BusConnection connection = BusConnection.open(path);
             SocketChannel bus = server.accept()) {
            connection.setTimeout(Duration.ofMillis(100));
            assertThrows(SocketTimeoutException.class, connection::receive);

            ChannelStreams.out(bus).write(FrameCodec.encode(new Message.PublishAck(1, 0, 0)));
            assertEquals(new Message.PublishAck(1, 0, 0), connection.receive());
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingReceiveAsTheBusClosingTheConnection() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             BusConnection connection = BusConnection.open(path);
             SocketChannel bus = server.accept()) {
            CompletableFuture<Message> receiving = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    receiving.complete(connection.receive());
                } catch (IOException e) {
                    receiving.completeExceptionally(e);
                }
            });
            awaitWaitingForTheBus(reader);

            connection.close();

            ExecutionException ended = assertThrows(ExecutionException.class, () -> receiving.get(10, TimeUnit.SECONDS));
            assertTrue(ended.getCause() instanceof EOFException, ended.getCause().toString());
            assertEquals("the bus closed the connection", ended.getCause().getMessage());
            SocketException closed = assertThrows(SocketException.class, () -> connection.send(new Message.Bye()));
            assertEquals("Socket is closed", closed.getMessage());
        }
    }

    /** Until the thread waits in the connection's read selector: then a close really comes from outside. */
    private static void awaitWaitingForTheBus(Thread reader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waitsInSelector(reader.getStackTrace())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the reader never waited for the bus");
            }
            Thread.sleep(1); // a poll interval; the loop checks the stack itself
        }
    }

    private static boolean waitsInSelector(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("dev.evbus.transport.ReadyWait") && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    /** Connects without blocking until the kernel refuses one more: the listener's queue is full. */
    private static List<SocketChannel> fillBacklog(Path path) throws IOException {
        List<SocketChannel> queued = new ArrayList<>();
        while (queued.size() < 1_000) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (SocketException full) {
                return queued;
            }
            queued.add(channel);
        }
        throw new IllegalStateException("the listener kept taking connections");
    }
}
