package dev.evbus.transport;

import java.io.IOException;

/** No socket path short enough for the OS limit could be found for an app. */
public final class SocketPathTooLongException extends IOException {
    public SocketPathTooLongException(String message) {
        super(message);
    }
}
