package dev.evbus.pipeline.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.event.RawEvent;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gathers item values into one JSON array, emitted when it holds {@code size} items, when
 * {@code window} has passed since its first item (seen on the next tick or item), and at the end of
 * the stream. Holds at most {@code size} values. The array's envelope is that of its last item.
 */
public final class BatchStage implements Stage {
    private static final long MAX_SIZE = 1_000_000;

    private final int size;
    /** 0: no time limit, only size and the end of the stream. */
    private final long windowNanos;
    private final LongSupplier nanoTime;
    /** The open batch, or null; touched by the pipeline's one thread at a time. */
    private ArrayNode open;
    private long openedAt;
    private RawEvent last;

    private BatchStage(int size, long windowNanos, LongSupplier nanoTime) {
        this.size = size;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
    }

    /** The {@code batch} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        long size = options.integer("size", 100);
        if (size < 1 || size > MAX_SIZE) {
            options.problem("size", "must be between 1 and " + MAX_SIZE);
            size = 1;
        }
        Duration window = options.duration("window", Duration.ofSeconds(1));
        return new BatchStage((int) size, window.toNanos(), context.clock()::nanoTime);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        long now = nanoTime.getAsLong();
        tick(now, next);
        if (open == null) {
            open = JsonNodeFactory.instance.arrayNode();
            openedAt = now;
        }
        open.add(item.value());
        last = item.envelope();
        if (open.size() >= size) {
            flush(next);
        }
    }

    @Override
    public void tick(long nowNanos, Downstream next) throws StageFailure {
        if (open != null && windowNanos > 0 && nowNanos - openedAt >= windowNanos) {
            flush(next);
        }
    }

    @Override
    public void finish(Downstream next) throws StageFailure {
        if (open != null) {
            flush(next);
        }
    }

    private void flush(Downstream next) throws StageFailure {
        ArrayNode batch = open;
        open = null;
        next.emit(new Item(batch, last));
    }
}
