package dev.evbus.transport;

import java.io.IOException;

/** The socket path answers: another live bus owns it. */
public final class AddressInUseException extends IOException {
    public AddressInUseException(String message) {
        super(message);
    }
}
