package dev.evbus.pipeline;

import java.util.List;

/** Stages run one after another; itself a stage, so a route's branch is a chain inside a stage. */
final class Chain implements Stage {
    private final Stage[] stages;

    Chain(List<Stage> stages) {
        this.stages = stages.toArray(Stage[]::new);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        acceptFrom(0, item, next);
    }

    private void acceptFrom(int index, Item item, Downstream next) throws StageFailure {
        if (index == stages.length) {
            next.emit(item);
            return;
        }
        stages[index].accept(item, out -> acceptFrom(index + 1, out, next));
    }

    @Override
    public void tick(long nowNanos, Downstream next) throws StageFailure {
        for (int i = 0; i < stages.length; i++) {
            int from = i + 1;
            stages[i].tick(nowNanos, out -> acceptFrom(from, out, next));
        }
    }

    /** Finishes stages front to back, so what one flushes still passes through the stages after it. */
    @Override
    public void finish(Downstream next) throws StageFailure {
        for (int i = 0; i < stages.length; i++) {
            int from = i + 1;
            stages[i].finish(out -> acceptFrom(from, out, next));
        }
    }
}
