package dev.evbus.pipeline;

import java.time.Duration;

/**
 * How often a failing stage or effect is tried and how long to wait in between: {@code backoff}
 * after the first failure, multiplied by {@code multiplier} each time, at most {@code maxBackoff}.
 *
 * @param attempts tries in all, at least 1 (1 means no retry)
 */
public record RetryPolicy(int attempts, Duration backoff, double multiplier, Duration maxBackoff) {
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);

    /** Reads {@code retry: {attempts, backoff, multiplier, max_backoff}}; absent means {@code fallback}. */
    public static RetryPolicy read(Options options, RetryPolicy fallback) {
        return options.nested("retry").map(retry -> {
            long attempts = retry.integer("attempts", 3);
            if (attempts < 1 || attempts > 100) {
                retry.problem("attempts", "must be between 1 and 100");
                attempts = 1;
            }
            Duration backoff = retry.duration("backoff", Duration.ofMillis(200));
            double multiplier = retry.number("multiplier", 2.0);
            if (multiplier < 1) {
                retry.problem("multiplier", "must be at least 1");
                multiplier = 1;
            }
            Duration max = retry.duration("max_backoff", Duration.ofSeconds(30));
            retry.finish();
            return new RetryPolicy((int) attempts, backoff, multiplier, max);
        }).orElse(fallback);
    }

    /** The wait after failed attempt number {@code failed} (1-based). */
    public Duration delayAfter(int failed) {
        double millis = backoff.toMillis() * Math.pow(multiplier, failed - 1);
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
