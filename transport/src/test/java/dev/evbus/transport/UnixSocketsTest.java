package dev.evbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;

class UnixSocketsTest {
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(5);
    private static final int ACCEPT_TIMEOUT_MS = 5000;

    @TempDir
    Path dir;

    /** Accepts until a connection delivers a byte; a dial that only probed the address delivers none. */
    private static int firstByteFromAnyClient(AFUNIXServerSocket server) throws IOException {
        server.setSoTimeout(ACCEPT_TIMEOUT_MS);
        while (true) {
            try (AFUNIXSocket accepted = server.accept()) {
                accepted.setSoTimeout(ACCEPT_TIMEOUT_MS);
                int b = accepted.getInputStream().read();
                if (b >= 0) {
                    return b;
                }
            }
        }
    }

    @Test
    void listenThenDialConnectsAndThePeerIsThisProcess() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (AFUNIXServerSocket server = UnixSockets.listen(path);
             AFUNIXSocket client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
            server.setSoTimeout(ACCEPT_TIMEOUT_MS);
            try (AFUNIXSocket accepted = server.accept()) {
                PeerCredentials peer = PeerCredentials.of(accepted);
                assertTrue(peer.sameUser());
                assertEquals(ProcessHandle.current().pid(), peer.pid());
                client.getOutputStream().write(7);
                assertEquals(7, accepted.getInputStream().read());
            }
        }
    }

    @Test
    void listenOnALiveAddressFailsAndLeavesTheLiveServerServing() throws Exception {
        Path path = dir.resolve("bus.sock");
        try (AFUNIXServerSocket live = UnixSockets.listen(path)) {
            assertThrows(AddressInUseException.class, () -> UnixSockets.listen(path));

            assertTrue(Files.exists(path));
            try (AFUNIXSocket client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
                client.getOutputStream().write(42);
                assertEquals(42, firstByteFromAnyClient(live));
            }
        }
    }

    @Test
    void listenReplacesASocketFileWhoseServerClosedWithoutUnlinking() throws Exception {
        Path path = dir.resolve("bus.sock");
        AFUNIXServerSocket dead = UnixSockets.listen(path);
        dead.setDeleteOnClose(false);
        dead.close();
        assertTrue(Files.exists(path), "the stale socket file is still there");
        assertFalse(UnixSockets.answers(path));

        try (AFUNIXServerSocket server = UnixSockets.listen(path);
             AFUNIXSocket client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
            client.getOutputStream().write(1);
            assertEquals(1, firstByteFromAnyClient(server));
        }
    }

    @Test
    void listenReplacesAPlainLeftoverFile() throws Exception {
        Path path = dir.resolve("bus.sock");
        Files.writeString(path, "left over");

        try (AFUNIXServerSocket server = UnixSockets.listen(path);
             AFUNIXSocket client = UnixSockets.dial(path, DIAL_TIMEOUT)) {
            client.getOutputStream().write(2);
            assertEquals(2, firstByteFromAnyClient(server));
        }
    }

    @Test
    void dialWithNobodyListeningFails() {
        assertThrows(IOException.class, () -> UnixSockets.dial(dir.resolve("nobody.sock"), DIAL_TIMEOUT));
    }

    @Test
    void answersIsTrueOnlyWhileAServerListens() throws Exception {
        Path path = dir.resolve("bus.sock");
        assertFalse(UnixSockets.answers(path));
        try (AFUNIXServerSocket server = UnixSockets.listen(path)) {
            assertTrue(UnixSockets.answers(path));
        }
        assertFalse(UnixSockets.answers(path));
    }
}
