package dev.evbus.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Listening on and dialling a bus socket path, with the JDK's own Unix-domain channels. */
public final class UnixSockets {
    /** How long {@link #answers} waits for a listener whose backlog is full: one that is there but busy. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private UnixSockets() {
    }

    /**
     * Binds {@code path}. A leftover socket file nobody answers on is removed first; one that
     * answers means another bus lives there, and a live address is never taken over. The bus
     * serves its connections on virtual threads, and the JDK's poller is what parks and wakes them.
     */
    public static ServerSocketChannel listenChannel(Path path, int backlog) throws IOException {
        SocketAddresses.prepareDirectory(path);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
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

    /**
     * Runs the JDK's one-time set-up of Unix-domain sockets, so that a dial later does not pay
     * it: the first socket initialises a {@code SecureRandom} (for names of unbound sockets),
     * and with it the security providers, about 12 ms of a client's start-up on JDK 25. A
     * client calls this on a spare thread while its main thread parses its command line. The
     * selector that a wait for the bus's answer opens is set up here too ({@link ReadyWait#prepare}).
     */
    public static void warmUp() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.configureBlocking(false);
            ReadyWait.prepare(channel);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the real dial reports whatever is wrong
        }
    }

    /** Whether something accepts connections on {@code path} right now; a full backlog counts as alive. */
    public static boolean answers(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (UnixConnection ignored = dial(path, PROBE_TIMEOUT)) {
            return true;
        } catch (SocketTimeoutException busy) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Connects to {@code path}. {@link SocketTimeoutException} when the listener did not take the
     * connection within {@code timeout} (its backlog stayed full: alive but overwhelmed); another
     * {@link IOException} when nothing listens there.
     */
    public static UnixConnection dial(Path path, Duration timeout) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        boolean connected;
        try {
            channel.configureBlocking(false);
            connected = channel.connect(address); // Linux connects a Unix socket at once, or fails
        } catch (ConnectException refused) {
            channel.close();
            throw refused; // a socket file nobody listens on: no use waiting
        } catch (SocketException fullOrOther) {
            channel.close(); // a full backlog (EAGAIN) fails alike; only a blocking connect waits for room
            connected = false;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (connected) {
            return new UnixConnection(channel);
        }
        channel.close();
        return new UnixConnection(connectWithin(address, timeout));
    }

    /**
     * A blocking connect, which the kernel holds until the listener's backlog has room, bounded by
     * closing the channel at the deadline. It runs on a thread of its own: a blocking connect on a
     * virtual thread would fail at once instead of waiting, and the caller's interrupts must not
     * close it. A cause other than a full backlog (no file, no permission) fails again at once.
     */
    private static SocketChannel connectWithin(UnixDomainSocketAddress address, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        FutureTask<Boolean> connecting = new FutureTask<>(() -> channel.connect(address));
        try {
            Thread.ofPlatform().daemon().name("evbus-connect").start(connecting);
            getUninterruptibly(connecting, timeout);
            return channel;
        } catch (TimeoutException full) {
            channel.close(); // wakes the connecting thread
            throw new SocketTimeoutException(UnixConnection.TIMED_OUT);
        } catch (ExecutionException failed) {
            channel.close();
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** As junixsocket's connect did, an interrupt does not end the wait; the flag is set again after. */
    private static void getUninterruptibly(FutureTask<?> task, Duration timeout)
            throws ExecutionException, TimeoutException {
        // The machine's clock, not an injected one: the connect time-out bounds a real wait on the
        // connecting thread, as a socket's own time-out does (see ReadyWait#await).
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
