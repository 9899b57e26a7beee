package dev.evbus.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A stage with its failure policy: retries with backoff, then skip, pass or dead-letter. Failures
 * stop here: nothing a stage throws reaches the stage before it, so a retry never re-runs earlier
 * stages. An {@link UncheckedIOException} is the consumer's output failing (a closed stdout) and
 * is let through, since that ends the consumer rather than one item.
 */
final class Guarded implements Stage {
    private final Stage stage;
    private final String path;
    private final RetryPolicy retry;
    private final OnError onError;
    private final StageContext context;

    Guarded(Stage stage, String path, RetryPolicy retry, OnError onError, StageContext context) {
        this.stage = stage;
        this.path = path;
        this.retry = retry;
        this.onError = onError;
        this.context = context;
    }

    @Override
    public void accept(Item item, Downstream next) {
        String reason = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            attempts = attempt;
            try {
                stage.accept(item, next);
                return;
            } catch (StageFailure failure) {
                reason = failure.getMessage();
                if (!failure.retryable()) {
                    break;
                }
            } catch (UncheckedIOException outputFailed) {
                throw outputFailed;
            } catch (RuntimeException bug) {
                reason = bug.toString();
            }
            if (attempt < retry.attempts() && !sleep(retry.delayAfter(attempt))) {
                reason = reason + " (retries interrupted)";
                break;
            }
        }
        failed(item, reason, attempts, next);
    }

    @Override
    public void tick(long nowNanos, Downstream next) {
        try {
            stage.tick(nowNanos, next);
        } catch (StageFailure failure) {
            context.warnings().warn(null, path + ": " + failure.getMessage());
        }
    }

    @Override
    public void finish(Downstream next) {
        try {
            stage.finish(next);
        } catch (StageFailure failure) {
            context.warnings().warn(null, path + ": " + failure.getMessage());
        }
    }

    private void failed(Item item, String reason, int made, Downstream next) {
        String attempts = made > 1 ? " after " + made + " attempts" : "";
        switch (onError) {
            case PASS -> {
                context.warnings().warn(item, path + " failed" + attempts + ", passed on unchanged: " + reason);
                try {
                    next.emit(item);
                } catch (StageFailure downstream) {
                    context.warnings().warn(item, downstream.getMessage());
                }
            }
            case SKIP -> {
                context.counters().countFailed();
                context.warnings().warn(item, path + " failed" + attempts + ": " + reason);
            }
            case DEAD_LETTER -> {
                context.counters().countFailed();
                DeadLetter letter = new DeadLetter(context.key(), path, Map.copyOf(context.params().asMap()), item,
                        reason, made, context.clock().instant());
                try {
                    context.deadLetters().write(letter);
                    context.counters().countDeadLettered();
                    context.warnings().warn(item, path + " failed" + attempts + ", dead-lettered: " + reason);
                } catch (IOException | RuntimeException cannotStore) {
                    context.warnings().warn(item, path + " failed" + attempts + ": " + reason
                            + "; and the dead letter could not be written: " + cannotStore.getMessage());
                }
            }
        }
    }

    private boolean sleep(java.time.Duration delay) {
        try {
            context.sleeper().sleep(delay);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
