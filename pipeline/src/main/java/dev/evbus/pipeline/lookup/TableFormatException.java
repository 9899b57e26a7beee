package dev.evbus.pipeline.lookup;

import java.io.IOException;

/** A table file that cannot be used; the message names the line or element and what is wrong. */
public final class TableFormatException extends IOException {
    public TableFormatException(String message) {
        super(message);
    }
}
