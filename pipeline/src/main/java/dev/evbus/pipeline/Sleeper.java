package dev.evbus.pipeline;

import java.time.Duration;

/** Waits between retries; injected so retry timing is tested without waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
