package dev.evbus.transport;

import dev.evbus.config.AppPaths;
import dev.evbus.config.PrivatePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where an app's bus socket lives. Normally {@code bus.sock} in the app directory; when that path
 * is longer than a socket address allows (a deep home or a long app id), a hashed name in a
 * private per-user directory under {@code /tmp} instead. Every process derives the same path.
 */
public final class SocketAddresses {
    /** sun_path holds 108 bytes on Linux and 104 on macOS, NUL included; 103 fits both. */
    public static final int MAX_PATH_BYTES = 103;

    private SocketAddresses() {
    }

    public static Path forApp(AppPaths app) throws SocketPathTooLongException {
        Path preferred = app.socketFile();
        if (fits(preferred)) {
            return preferred;
        }
        Path fallback = fallbackDirectory().resolve(AppPaths.shortHash(app.dir().toString()) + ".sock");
        if (fits(fallback)) {
            return fallback;
        }
        throw new SocketPathTooLongException("socket path " + preferred + " is longer than the "
                + MAX_PATH_BYTES + "-byte limit of Unix sockets: use a shorter $EVBUS_HOME or app id");
    }

    /**
     * Makes sure the directory of a socket path exists. The fallback directory in the shared
     * {@code /tmp} must be private to this user (see {@link PrivatePaths}: a link or another user's
     * directory is refused, a wider mode repaired). Any other directory is only created when
     * missing: an app directory was made private by whoever prepared the app, and a socket
     * elsewhere (a test's, a tool's) lives in a directory that is not evbus's to change.
     */
    public static void prepareDirectory(Path socket) throws IOException {
        Path dir = socket.getParent();
        if (dir.equals(fallbackDirectory())) {
            PrivatePaths.directory(dir.getParent(), dir);
        } else {
            PrivatePaths.createDirectories(dir);
        }
    }

    static Path fallbackDirectory() {
        return Path.of("/tmp", "evbus-" + PeerCredentials.currentUid());
    }

    private static boolean fits(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }
}
