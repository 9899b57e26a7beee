package dev.evbus.pipeline;

import java.io.IOException;

/** Keeps items whose stage failed for the last time, for {@code evbus dlq}. */
@FunctionalInterface
public interface DeadLetters {
    void write(DeadLetter letter) throws IOException;
}
