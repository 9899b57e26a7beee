package dev.evbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Home;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketAddressesTest {
    private static final Home DEEP_HOME = new Home(Path.of("/home", "h".repeat(200), ".evbus"));

    private static int bytes(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void preparingASocketOutsideAnAppChangesNoModeAboveIt(@TempDir Path dir) throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        SocketAddresses.prepareDirectory(shared.resolve("sub/x.sock"));

        assertTrue(Files.isDirectory(shared.resolve("sub")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void shortPathIsBusSockInTheAppDirectory() throws Exception {
        Home home = new Home(Path.of("/home/someone/.evbus"));
        assertEquals(home.app("shop").dir().resolve("bus.sock"), SocketAddresses.forApp(home.app("shop")));
    }

    @Test
    void deepHomeFallsBackToAShortPathUnderTmp() throws Exception {
        Path socket = SocketAddresses.forApp(DEEP_HOME.app("shop"));
        assertTrue(bytes(socket) <= SocketAddresses.MAX_PATH_BYTES, socket + " is " + bytes(socket) + " bytes");
        assertEquals(Path.of("/tmp", "evbus-" + PeerCredentials.currentUid()), socket.getParent());
    }

    @Test
    void fallbackPathsOfDistinctAppsDiffer() throws Exception {
        assertNotEquals(SocketAddresses.forApp(DEEP_HOME.app("shop")), SocketAddresses.forApp(DEEP_HOME.app("shop2")));
    }

    @Test
    void fallbackPathIsTheSameEveryTime() throws Exception {
        assertEquals(SocketAddresses.forApp(DEEP_HOME.app("shop")), SocketAddresses.forApp(DEEP_HOME.app("shop")));
    }
}
