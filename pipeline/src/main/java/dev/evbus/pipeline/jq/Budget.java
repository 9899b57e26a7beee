package dev.evbus.pipeline.jq;

import dev.evbus.config.DataSize;
import java.util.function.LongSupplier;

/**
 * What one evaluation of a jq expression may still spend: time until its deadline and bytes of
 * output. The instrumented program {@link #tick() ticks} at every function call and every value a
 * call or a loop yields, and {@link #spend spends} for every element an array construction takes,
 * so a runaway program meets its limit wherever it loops. Reading the clock costs more than the
 * rest of a tick, so it is read every {@value #CLOCK_EVERY} ticks.
 *
 * <p>An evaluation runs on one thread: the budget in force is the thread's ({@link #current()}),
 * so one compiled program can serve several workers, and the regular-expression built-ins, which
 * jq's own definitions call from outside the program, still find it.
 */
public final class Budget {
    private static final int CLOCK_EVERY = 128;
    /** The evaluation running on this thread; set and restored by {@link #enter()}. */
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    private final JqLimits limits;
    private final LongSupplier nanoTime;
    private long deadline;
    private long remaining;
    private int untilClock;

    public Budget(JqLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    public JqLimits limits() {
        return limits;
    }

    /** Starts a fresh evaluation on this thread; close the result when it ends. */
    public Hold enter() {
        deadline = nanoTime.getAsLong() + limits.stageTime().toNanos();
        remaining = limits.stageOutput();
        untilClock = CLOCK_EVERY;
        Budget previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** Ends an evaluation's hold on its thread; never throws. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** The budget of the evaluation running on this thread, or null outside one. */
    static Budget current() {
        return CURRENT.get();
    }

    /** One step of work: fails the evaluation once its time is up. */
    void tick() {
        if (--untilClock <= 0) {
            untilClock = CLOCK_EVERY;
            checkTime();
        }
    }

    /** Fails the evaluation now if its time is up. */
    void checkTime() {
        if (nanoTime.getAsLong() - deadline > 0) {
            throw timeUp();
        }
    }

    /** Bytes of output made: fails the evaluation once it made more than its limit. */
    void spend(long bytes) {
        remaining -= bytes;
        if (remaining < 0) {
            throw tooMuch();
        }
        tick();
    }

    /** One value of {@code bytes} about to be made: fails the evaluation if that alone is more than its output limit. */
    void checkSize(long bytes) {
        if (bytes > limits.stageOutput()) {
            throw tooMuch();
        }
        tick();
    }

    /** Bytes the evaluation may still produce. */
    long remaining() {
        return remaining;
    }

    /** Time left, at least 1 ns: for a regular expression's own timeout. */
    long remainingNanos() {
        return Math.max(1, deadline - nanoTime.getAsLong());
    }

    LimitExceeded timeUp() {
        long millis = limits.stageTime().toMillis();
        String time = millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        return new LimitExceeded("ran longer than " + time + " (the stage_time limit)");
    }

    LimitExceeded tooMuch() {
        return new LimitExceeded("produced more than " + DataSize.format(limits.stageOutput())
                + " of output (the stage_output limit)");
    }
}
