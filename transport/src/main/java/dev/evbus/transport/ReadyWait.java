package dev.evbus.transport;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits, with a limit, until a non-blocking channel can be read from or written to: one selector
 * for one kind of operation. The selector is opened by the first wait that needs one, so a
 * connection that never waits (a probe, a request whose answer is already there) opens none.
 * A {@link UnixConnection} has one of these for its reader and one for its writer, so a reader
 * waiting for the peer never holds up a write.
 */
final class ReadyWait {
    /** What a wait does with the ready key: nothing (the caller reads or writes next); one class for every wait. */
    private static final Consumer<SelectionKey> NO_ACTION = ready -> { };

    private final SocketChannel channel;
    private final int operation;
    /**
     * Null until the first wait. Written only by the waiting thread (one at a time: the
     * connection's one reader, or its one writer); read by {@link #close()} from any thread.
     */
    private volatile Selector selector;

    ReadyWait(SocketChannel channel, int operation) {
        this.channel = channel;
        this.operation = operation;
    }

    /**
     * Waits until the channel is ready, at most {@code timeoutNanos} (0: no limit). False when
     * the time ran out or the channel was closed (by {@link #close()} from another thread, or
     * before); the caller tells the two apart by {@link SocketChannel#isOpen()}.
     *
     * <p>An interrupt neither ends the wait nor closes the channel: junixsocket's blocking calls,
     * which the clients were written against, ignored interrupts too. A set interrupt flag would
     * make every select return at once, so it is cleared while waiting and set again after.
     */
    boolean await(long timeoutNanos) throws IOException {
        Selector waitOn = selector();
        if (waitOn == null) {
            return false;
        }
        // The machine's clock, not an injected one: this is the socket's own time-out (what SO_TIMEOUT
        // was), which bounds a select that waits on real time whatever a clock says. The time-outs
        // evbus decides (idle, stop, start-up) are kept above transport, on the one injected clock.
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while (channel.isOpen()) {
                long millis = 0; // select's "no limit"
                if (timeoutNanos > 0) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)); // 0 would mean forever
                }
                interrupted |= Thread.interrupted();
                try {
                    if (waitOn.select(NO_ACTION, millis) > 0) {
                        return true;
                    }
                } catch (ClosedSelectorException closedMeanwhile) {
                    return false; // close() closed the channel before the selector
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Opens, uses and closes a selector on {@code channel}, so that the first real wait finds the
     * JDK's selector and network set-up done (about 70 classes, {@code sun.nio.ch.Net}'s static
     * state): whether a client waits for an answer depends on the bus's speed, and so, without this,
     * on the training run whether the AOT cache holds those classes.
     */
    static void prepare(SocketChannel channel) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            selector.selectNow(NO_ACTION);
        }
    }

    /**
     * Closes the selector, which wakes a thread waiting on it and lets the JDK close the channel's
     * socket: a channel registered with a selector keeps its descriptor (and the peer sees no end of
     * stream) until every selector let go of it. Called after the channel was closed.
     */
    void close() {
        Selector open = selector;
        if (open != null) {
            closeQuietly(open);
        }
    }

    /** The selector, opened and registered on first use; null once the channel is closed. */
    private Selector selector() throws IOException {
        Selector existing = selector;
        if (existing != null) {
            return existing;
        }
        Selector opened = Selector.open();
        try {
            channel.register(opened, operation);
        } catch (ClosedChannelException closed) {
            closeQuietly(opened);
            return null;
        }
        selector = opened;
        // close() closes the channel first, then reads the field: if it read null, the channel is closed now.
        if (!channel.isOpen()) {
            closeQuietly(opened);
            return null;
        }
        return opened;
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
