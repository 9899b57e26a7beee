package dev.evbus.busctl;

import java.io.IOException;
import java.nio.file.Path;

/** Nothing answers on the app's socket: no bus is running. */
public final class NoBusException extends IOException {
    public NoBusException(Path socket) {
        super("no bus answers on " + socket);
    }
}
