package dev.evbus.sources;

import java.util.Locale;

/** A source's connection state, as {@code source_status} frames and {@code status} name it. */
public enum SourceState {
    CONNECTING, CONNECTED, DISCONNECTED, RECONNECTING, STALLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
