package dev.evbus.pipeline;

/**
 * A compiled stage. A {@link PipelineRun} calls it from one thread at a time, so a stage may keep
 * plain mutable state (a window, a batch) without locks.
 */
public interface Stage {

    /**
     * Takes one item and emits zero or more to {@code next}. Not emitting filters the item out: a
     * stage that drops on purpose calls {@link StageContext#filtered()} so the exited line can say
     * so. Throwing {@link StageFailure} fails this item only.
     */
    void accept(Item item, Downstream next) throws StageFailure;

    /** Called about every 100 ms with the pipeline clock's nanoTime, for stages that emit on time. */
    default void tick(long nowNanos, Downstream next) throws StageFailure {
    }

    /** The stream ended: emit whatever is held (an open window, a partial batch). */
    default void finish(Downstream next) throws StageFailure {
    }
}
