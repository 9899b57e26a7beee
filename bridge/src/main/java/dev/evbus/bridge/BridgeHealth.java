package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bridge's state, counters and last fault, written by the link, the exporter and the importer
 * and read by {@code status} at any time. Each field is atomic on its own; a report is a
 * snapshot of fields, not of one instant, which {@code status} does not need.
 */
final class BridgeHealth {
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final TimeSource clock;
    /** Guarded by {@code this}: a change and its log line happen together, so lines come in order. */
    private BridgeState state = BridgeState.CONNECTING;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lag = new AtomicLong();
    /** Guarded by {@code this}, with its time. */
    private String lastError;
    private long lastErrorAt;

    BridgeHealth(Consumer<String> info, Consumer<String> warn, TimeSource clock) {
        this.info = info;
        this.warn = warn;
        this.clock = clock;
    }

    synchronized BridgeState state() {
        return state;
    }

    /** Moves to {@code next} (never out of CLOSED) and says so in one line when it is a change. */
    synchronized void state(BridgeState next, String why) {
        if (state == next || state == BridgeState.CLOSED) {
            return;
        }
        state = next;
        info.accept("bridge: nats " + next.wireName() + (why == null ? "" : ": " + why));
    }

    /** Records a fault as the last error and warns; {@code message} has its untrusted parts quoted already. */
    void fault(String message) {
        remember(message);
        warn.accept("bridge: " + message);
    }

    /** Records a fault without a log line (one of a burst already warned about). */
    synchronized void remember(String message) {
        lastError = message;
        lastErrorAt = clock.millis();
    }

    synchronized BridgeReport report(NatsBridgeConfig config, long backlog, long missed) {
        return new BridgeReport(config.node(), String.join(",", config.servers()), config.stream(), state, sent.get(),
                backlog, missed, received.get(), duplicates.get(), lag.get(), errors.get(), lastError, lastErrorAt);
    }

    /** The message of {@code failure} as one quoted line (server and client texts are not ours). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root instanceof java.util.concurrent.ExecutionException || root instanceof java.util.concurrent.CompletionException)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " " + Quote.of(message));
    }
}
