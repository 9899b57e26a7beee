package dev.evbus.event;

import java.io.IOException;

/** A failed API call, with a message fit to show a user as it is. */
public final class ApiException extends IOException {
    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
