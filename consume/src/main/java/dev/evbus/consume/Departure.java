package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a consumer leaves. Any thread may ask it to stop; the first reason wins. Once subscribed, a
 * stop is not an exit but a question to the bus (pre_shutdown_check): was this the subscription's
 * last consumer? The answer wakes the frame loop, which then finishes up. A bus that never answers
 * must not keep us forever, so after {@link #ACK_PATIENCE} the connection is closed, which wakes the
 * loop just the same.
 *
 * <p>Every control frame goes out through {@link #sendQuietly}, whose monitor makes it the
 * connection's single writer: the connection allows only one, and signal, timer, stdin, reader and
 * worker threads all send.
 */
final class Departure {
    private static final Duration ACK_PATIENCE = Duration.ofSeconds(5);

    private final String key;
    private final String subscriptionId;
    /**
     * Null until a stop; then compare-and-set keeps the first reason, whichever of the signal, timer,
     * stdin, reader or worker threads gave it. Only {@link #busLost} overwrites: a lost bus outranks
     * why we were leaving, since it decides the exit code and whether a bye can still be sent.
     */
    private final AtomicReference<StopReason> reason = new AtomicReference<>();
    /**
     * Written once by the main thread before {@link #subscribed} publishes it through that volatile
     * write; the other threads that use it are started after it was set, or read {@code subscribed}
     * first.
     */
    private BusConnection bus;
    /** Set once hello (and preConsume, if ours) is done: from then on a stop asks the bus to leave. */
    private volatile boolean subscribed;
    /** A stop may be asked for by several threads at once; the bus is asked only once. */
    private final AtomicBoolean leaving = new AtomicBoolean();
    /** Closes the connection if the bus never answers our leave request; interrupted by the answer. */
    private volatile Thread deadline;

    Departure(String key, String subscriptionId) {
        this.key = key;
        this.subscriptionId = subscriptionId;
    }

    /** The connection the bus accepted us on; control frames go there from now on. */
    void connected(BusConnection bus) {
        this.bus = bus;
    }

    /**
     * Hello and setup are done, so a stop now goes through the bus. Returns whether the consume goes
     * on: false when a stop came while subscribing, in which case the leave is already asked for.
     */
    boolean subscribed() {
        subscribed = true;
        if (reason.get() != null) {
            leave();
            return false;
        }
        return true;
    }

    /** The first reason wins; once subscribed, asking the bus to let us go wakes the reader with its answer. */
    void requestStop(StopReason why) {
        if (reason.compareAndSet(null, why) && subscribed) {
            leave();
        }
    }

    /** Whether a stop was asked for; read on the hot path, so it is one volatile read. */
    boolean stopping() {
        return reason.get() != null;
    }

    /** Why we stopped, or null while running. */
    StopReason reason() {
        return reason.get();
    }

    /** The connection broke: that is why we stop, whatever we were stopping for before. */
    void busLost() {
        reason.set(StopReason.BUS_LOST);
    }

    /** The bus answered our leave request: no need to close the connection on it. */
    void answered() {
        Thread pending = deadline;
        if (pending != null) {
            pending.interrupt();
        }
    }

    /** Sends a control frame; a broken connection is left for the reader to find and report. */
    synchronized void sendQuietly(Message message) {
        try {
            bus.send(message);
        } catch (IOException gone) {
            // the reader sees the closed connection and reports it
        }
    }

    private void leave() {
        if (!leaving.compareAndSet(false, true)) {
            return;
        }
        sendQuietly(new Message.PreShutdownCheck(key, subscriptionId));
        // A platform thread: a virtual one would load the virtual-thread scheduler (some 50 classes)
        // into the AOT cache of every consumer, for a wait that happens once, at the end.
        deadline = Thread.ofPlatform().daemon().name("evbus-stop-deadline").start(() -> {
            try {
                Thread.sleep(ACK_PATIENCE);
            } catch (InterruptedException e) {
                return;
            }
            bus.close(); // the bus did not answer in time: leave without it
        });
    }
}
