package dev.evbus.bus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What tells a running bus to stop, and what it waits on until then: SIGTERM and SIGINT, a
 * shutdown request, idleness, or no source that could start; the first reason wins. And SIGHUP,
 * which reloads the app's config instead of stopping (off the signal's thread: a restart of a
 * source or pipeline takes time).
 */
final class BusSignals {
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The first stop's reason; null while the bus runs. */
    private final AtomicReference<String> reason = new AtomicReference<>();
    /** Set once the feeds are wired; a SIGHUP before that finds nothing to reload yet (and is logged). */
    private final AtomicReference<BusReload> reload = new AtomicReference<>();

    /**
     * Catches the signals from now on: before anything a stop must tidy exists, so a SIGTERM at any
     * point of the start stops the bus cleanly once it is up, never with the JVM's 143.
     */
    void install(BusLog log) {
        onStopSignal("TERM");
        onStopSignal("INT");
        try {
            SignalHandler before = Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().name("evbus-reload").start(() -> {
                BusReload current = reload.get();
                if (current == null) {
                    log.warn("SIGHUP while the bus is starting: nothing to reload yet");
                } else {
                    current.reload("signal SIGHUP");
                }
            }));
            if (before == SignalHandler.SIG_IGN) {
                // Started with SIGHUP ignored (under nohup, say): the JVM then leaves it ignored, and
                // a SIGHUP would do nothing without a word.
                log.warn("SIGHUP is ignored in this process (started under nohup?), so it will not reload the bus;"
                        + " use `evbus reload`");
            }
        } catch (IllegalArgumentException unsupported) {
            // the JVM reserves it here (-Xrs); evbus reload still works over the socket
        }
    }

    private void onStopSignal(String name) {
        try {
            Signal.handle(new Signal(name), signal -> stop("signal SIG" + name));
        } catch (IllegalArgumentException unsupported) {
            // the JVM reserves it here; the default action still ends the process
        }
    }

    void reloadWith(BusReload reloader) {
        reload.set(reloader);
    }

    BusReload reloader() {
        return reload.get();
    }

    void stop(String why) {
        if (reason.compareAndSet(null, why)) {
            stopped.countDown();
        }
    }

    boolean stopping() {
        return reason.get() != null;
    }

    /** Waits for the first stop, whatever interrupts the wait; returns its reason. */
    String awaitStop() {
        while (true) {
            try {
                stopped.await();
                return reason.get();
            } catch (InterruptedException e) {
                // only a stop ends the bus
            }
        }
    }
}
