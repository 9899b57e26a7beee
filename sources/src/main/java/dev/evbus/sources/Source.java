package dev.evbus.sources;

import java.io.IOException;

/**
 * Something inside the bus that feeds it events. Started once after the bus listens, closed
 * once when it stops; a source that fails later reports it through its state, never by ending
 * the bus or another source.
 */
public interface Source extends AutoCloseable {
    /** Starts serving; an exception here (a port in use, say) means the source is not running. */
    void start() throws IOException;

    SourceReport report();

    /** Stops taking events and releases what it holds; waits at most a few seconds. */
    @Override
    void close();
}
