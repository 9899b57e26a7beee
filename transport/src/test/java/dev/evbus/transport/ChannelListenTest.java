package dev.evbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelListenTest {
    @TempDir
    Path dir;

    @Test
    void aDialledClientReachesTheListenerWhichSeesItsOwnUser() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             UnixConnection client = UnixSockets.dial(path, Duration.ofSeconds(5));
             SocketChannel accepted = server.accept()) {
            PeerCredentials peer = PeerCredentials.of(accepted);
            assertTrue(peer.sameUser());
            assertEquals(PeerCredentials.currentUid(), peer.uid());
            assertEquals(PeerCredentials.UNKNOWN, peer.pid(), "the JDK does not pass the pid on");
            client.out().write(7);
            assertEquals(7, ChannelStreams.in(accepted).read());
        }
    }

    @Test
    void listeningOnALiveAddressFails() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel live = UnixSockets.listenChannel(path, 16)) {
            assertThrows(AddressInUseException.class, () -> UnixSockets.listenChannel(path, 16));
        }
    }

    @Test
    void aWriteGoesOutWhileAReadOnTheSameChannelWaits() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 16);
             UnixConnection client = UnixSockets.dial(path, Duration.ofSeconds(5));
             SocketChannel accepted = server.accept()) {
            InputStream in = ChannelStreams.in(accepted);
            OutputStream out = ChannelStreams.out(accepted);
            CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.write(new byte[] {42}); // must not wait for the read, which waits for the client
            assertEquals(42, client.in().read());
            client.out().write(9);
            assertEquals(9, reading.get(10, TimeUnit.SECONDS));
        }
    }
}
