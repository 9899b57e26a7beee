package dev.evbus.pipeline;

/** Where a stage hands what it produces: the next stage, or the consumer's output after the last. */
@FunctionalInterface
public interface Downstream {
    void emit(Item item) throws StageFailure;
}
