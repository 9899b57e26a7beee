package dev.evbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client connection's semantics over real sockets: timeouts on reads and writes, close from
 * another thread, a write while a read waits, and interrupts. The peer is a blocking JDK channel.
 */
class UnixConnectionTest {
    private static final String WAIT = "dev.evbus.transport.ReadyWait";
    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private UnixConnection client;
    private SocketChannel peer;

    @BeforeEach
    void connect() throws IOException {
        server = UnixSockets.listenChannel(dir.resolve("bus.sock"), 16);
        client = UnixSockets.dial(dir.resolve("bus.sock"), Duration.ofSeconds(5));
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    void aReadTimesOutWithJunixsocketsMessageAndTheConnectionStaysUsable() throws Exception {
        client.setTimeout(SHORT);
        long start = System.nanoTime();
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, () -> client.in().read());
        assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "it waited the whole timeout");
        assertEquals("Resource temporarily unavailable", timeout.getMessage());

        ChannelStreams.out(peer).write(5);
        assertEquals(5, client.in().read());
        client.out().write(6);
        assertEquals(6, ChannelStreams.in(peer).read());
    }

    @Test
    void aWriteTimesOutWhileThePeerDoesNotRead() {
        client.setTimeout(SHORT);
        byte[] moreThanTheSocketBuffers = new byte[16 << 20];
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                () -> client.out().write(moreThanTheSocketBuffers));
        assertEquals("Resource temporarily unavailable", timeout.getMessage());
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingReadAsEndOfStreamAndThePeerSeesTheEnd() throws Exception {
        CompletableFuture<Integer> reading = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> complete(reading, () -> client.in().read()));
        Stacks.awaitIn(reader, WAIT, "await");

        client.close();

        assertEquals(-1, reading.get(10, TimeUnit.SECONDS), "as junixsocket's read did");
        assertEquals(-1, ChannelStreams.in(peer).read(), "the descriptor is closed, not only the channel object");
        SocketException closed = assertThrows(SocketException.class, () -> client.in().read());
        assertEquals("Socket is closed", closed.getMessage());
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingWrite() throws Exception {
        CompletableFuture<Integer> writing = new CompletableFuture<>();
        Thread writer = Thread.ofPlatform().start(() -> complete(writing, () -> {
            client.out().write(new byte[16 << 20]);
            return 0;
        }));
        Stacks.awaitIn(writer, WAIT, "await");

        client.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> writing.get(10, TimeUnit.SECONDS));
        assertEquals("Socket is closed", failed.getCause().getMessage());
    }

    @Test
    void aWriteGoesOutWhileAReadOnTheSameConnectionWaits() throws Exception {
        CompletableFuture<Integer> reading = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> complete(reading, () -> client.in().read()));
        Stacks.awaitIn(reader, WAIT, "await");

        client.out().write(42); // must not wait for the read, which waits for the peer
        InputStream fromClient = ChannelStreams.in(peer);
        assertEquals(42, fromClient.read());
        assertFalse(reading.isDone());
        ChannelStreams.out(peer).write(9);
        assertEquals(9, reading.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedReaderKeepsWaitingAndTheConnectionStaysOpen() throws Exception {
        CompletableFuture<Integer> reading = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            Thread.currentThread().interrupt(); // a blocking JDK channel would close itself on this read
            complete(reading, () -> client.in().read());
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        Stacks.awaitIn(reader, WAIT, "await");

        ChannelStreams.out(peer).write(3);

        assertEquals(3, reading.get(10, TimeUnit.SECONDS));
        assertTrue(stillInterrupted.get(10, TimeUnit.SECONDS), "the flag is left for the caller");
        client.out().write(4);
        assertEquals(4, ChannelStreams.in(peer).read());
    }

    @Test
    void theReadReturnsEndOfStreamWhenThePeerCloses() throws Exception {
        peer.close();
        assertEquals(-1, client.in().read());
    }

    @Test
    void aPeerThatClosesWithOurBytesUnreadResetsTheConnectionWithJunixsocketsText() throws Exception {
        client.out().write(new byte[10]); // never read by the peer
        ChannelStreams.out(peer).write(7);
        peer.close();

        assertEquals(7, client.in().read(), "what the peer sent first still arrives");
        SocketException reset = assertThrows(SocketException.class, () -> client.in().read());
        assertEquals("Connection reset by peer", reset.getMessage());
    }

    @Test
    void aWriteToAPeerThatClosedSaysBrokenPipe() throws Exception {
        peer.close();
        IOException broken = assertThrows(IOException.class, () -> client.out().write(1));
        assertEquals("Broken pipe", broken.getMessage(), "the text junixsocket gave too");
    }

    private interface Io {
        int run() throws IOException;
    }

    private static void complete(CompletableFuture<Integer> result, Io io) {
        try {
            result.complete(io.run());
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
