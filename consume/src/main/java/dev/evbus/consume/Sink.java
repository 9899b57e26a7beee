package dev.evbus.consume;

import java.io.IOException;

/** Where output events go: one JSON document (UTF-8, no newline) at a time. */
interface Sink extends AutoCloseable {
    void write(byte[] json, int offset, int length) throws IOException;

    /** Pushes out buffered output; called whenever no more input is waiting. */
    void flush() throws IOException;

    /** Lines that actually left: written to stdout (not just buffered) or stored as files. */
    long delivered();

    @Override
    void close() throws IOException;
}
