package dev.evbus.sources;

/**
 * Told when a source's state changes; the bus turns each call into a {@code source_status} frame
 * to every consumer and a log line. Called from the source's own thread; must not block.
 */
@FunctionalInterface
public interface SourceListener {
    void changed(String source, SourceState state, String detail);
}
