package dev.evbus.pipeline;

import java.util.List;

/** A pipeline that cannot run as defined; carries every problem found, not just the first. */
public final class PipelineConfigException extends Exception {
    private final List<Problem> problems;

    public PipelineConfigException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid pipeline" : problems.get(0).toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
