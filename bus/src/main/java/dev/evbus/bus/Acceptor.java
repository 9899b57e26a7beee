package dev.evbus.bus;

import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The accept loop. It survives anything but the stop: a failed accept (out of descriptors, say)
 * is retried after a pause that doubles from 10 ms to 1 s while failures last, and logged at most
 * once a second with a count, so a bus that runs out of descriptors neither spins nor fills its
 * log, and takes connections again as soon as some close.
 */
final class Acceptor {
    static final long FIRST_PAUSE_MS = 10;
    static final long LONGEST_PAUSE_MS = 1_000;

    /** Where connections come from: the listening socket's accept. */
    interface Listener {
        SocketChannel accept() throws IOException;
    }

    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final Listener listener;
    private final Consumer<SocketChannel> admit;
    private final BooleanSupplier running;
    private final LogThrottle failures;
    private final Pause pause;
    /** Accept thread only. */
    private long nextPauseMs = FIRST_PAUSE_MS;

    Acceptor(Listener listener, Consumer<SocketChannel> admit, BooleanSupplier running, LogThrottle failures, Pause pause) {
        this.listener = listener;
        this.admit = admit;
        this.running = running;
        this.failures = failures;
        this.pause = pause;
    }

    /** Accepts and hands over each connection until the stop; {@code admit} must not block. */
    void run() {
        while (running.getAsBoolean()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (Throwable failure) { // an Error too: a dead accept thread would leave an orphan bus
                if (!running.getAsBoolean()) {
                    return;
                }
                failed("accept failed: " + describe(failure));
                continue;
            }
            nextPauseMs = FIRST_PAUSE_MS;
            try {
                admit.accept(channel);
            } catch (Throwable failure) {
                closeQuietly(channel);
                failed("could not take a connection: " + describe(failure));
            }
        }
    }

    private void failed(String what) {
        failures.warn(what + "; retrying in " + nextPauseMs + " ms");
        try {
            pause.sleep(nextPauseMs);
        } catch (InterruptedException e) {
            // only the stop ends the loop; it checks running next
        }
        nextPauseMs = Math.min(LONGEST_PAUSE_MS, nextPauseMs * 2);
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + " " + JsonText.quote(String.valueOf(failure.getMessage()));
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
