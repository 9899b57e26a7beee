package dev.evbus.transport;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Listening on and dialling a bus socket path. */
public final class UnixSockets {
    private UnixSockets() {
    }

    /**
     * Binds {@code path}. A leftover socket file nobody answers on is removed first; one that
     * answers means another bus lives there. Never steals a live address: junixsocket's
     * reuse-address default would silently take it over.
     */
    public static AFUNIXServerSocket listen(Path path) throws IOException {
        SocketAddresses.prepareDirectory(path);
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
                throw new AddressInUseException("a bus already answers on " + path);
            }
            Files.deleteIfExists(path);
        }
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        server.setReuseAddress(false);
        try {
            server.bind(AFUNIXSocketAddress.of(path), 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Binds {@code path} with the JDK's own Unix-domain channel, as {@link #listen} does with
     * junixsocket. The bus serves its connections on virtual threads, and the JDK's poller is
     * what parks and wakes them reliably.
     */
    public static ServerSocketChannel listenChannel(Path path, int backlog) throws IOException {
        SocketAddresses.prepareDirectory(path);
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (answersChannel(path)) {
                throw new AddressInUseException("a bus already answers on " + path);
            }
            Files.deleteIfExists(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), backlog); // never reuses a bound path
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@link #answers} with the JDK's channel: a bus that serves with JDK channels need not load junixsocket at all. */
    private static boolean answersChannel(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false); // a full backlog must not hang the probe: pending counts as alive
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Loads junixsocket's native library and classes, so a later dial does not pay for it. */
    public static void warmUp() {
        try {
            AFUNIXSocket.newInstance().close();
        } catch (IOException | RuntimeException | LinkageError ignored) {
            // the real dial will report whatever is wrong
        }
    }

    public static AFUNIXSocket dial(Path path, Duration timeout) throws IOException {
        AFUNIXSocket socket = AFUNIXSocket.newInstance();
        try {
            socket.connect(AFUNIXSocketAddress.of(path), (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Whether something accepts connections on {@code path} right now. */
    public static boolean answers(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (AFUNIXSocket ignored = dial(path, Duration.ofMillis(500))) {
            return true;
        } catch (SocketTimeoutException slow) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
