package dev.evbus.bridge;

import java.util.Locale;

/** The bridge's link to NATS, as {@code status} names it. */
public enum BridgeState {
    /** Not connected yet since the bus started. */
    CONNECTING,
    /** Connected, and the stream and this host's durable consumer exist. */
    CONNECTED,
    /** Lost after being connected; the client reconnects by itself. */
    RECONNECTING,
    /** Connected to NATS but JetStream refuses (no JetStream, a stream config conflict): see the last error. */
    FAILED,
    /** Closed with the bus. */
    CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
