package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.RawEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedTest {
    private final StageHarness harness = new StageHarness();
    private final StageContext context = harness.context();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Item> out = new ArrayList<>();
    private final Item item = new Item(StageHarness.parse("{'id': 1}"), new RawEvent("t", "e1", "0", 1, null));
    private int calls;

    /** A stage that fails its first {@code failures} calls. */
    private Stage failing(int failures) {
        return (in, next) -> {
            if (++calls <= failures) {
                throw new StageFailure("boom " + calls);
            }
            next.emit(in.withValue(StageHarness.parse("{'ok': true}")));
        };
    }

    private Stage guard(Stage stage, String optionsJson) {
        Options options = new Options((ObjectNode) StageHarness.parse(optionsJson), "/stages/1/x", context.paramsJson(), problems);
        Stage guarded = new PipelineCompiler(StageLibrary.of(java.util.Map.of())).guard(stage, options, OnError.SKIP, context);
        options.finish();
        assertEquals(List.of(), problems);
        return guarded;
    }

    private static final String RETRY = "'retry': {'attempts': 5, 'backoff': '200ms', 'multiplier': 2, 'max_backoff': '800ms'}";

    @Test
    void retriesWithDoublingBackoffCappedAndSucceedsWithoutAWarning() throws Exception {
        guard(failing(3), "{" + RETRY + "}").accept(item, out::add);
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), harness.sleeps);
        assertEquals(1, out.size());
        assertEquals(4, calls);
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void aFailureEveryAttemptWouldRepeatIsNotRetried() throws Exception {
        Stage atItsLimit = (in, next) -> {
            calls++;
            throw StageFailure.permanent("jq [range(1e12)]: produced more than 1MiB of output (the stage_output limit)");
        };
        guard(atItsLimit, "{" + RETRY + ", 'on_error': 'dead_letter'}").accept(item, out::add);
        assertEquals(1, calls);
        assertEquals(List.of(), harness.sleeps);
        assertEquals(1, harness.deadLetters.get(0).retryCount());
        assertEquals(List.of("/stages/1/x failed, dead-lettered: jq [range(1e12)]: produced more than 1MiB of output"
                + " (the stage_output limit)"), harness.warnings);
    }

    @Test
    void afterTheLastAttemptTheItemIsDeadLetteredAsItEnteredTheStage() throws Exception {
        guard(failing(99), "{" + RETRY + ", 'on_error': 'dead_letter'}").accept(item, out::add);
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(800)), harness.sleeps);
        assertEquals(List.of(), out);
        DeadLetter letter = harness.deadLetters.get(0);
        assertEquals("/stages/1/x", letter.stagePath());
        assertEquals("boom 5", letter.reason());
        assertEquals(5, letter.retryCount());
        assertEquals(item, letter.item());
        assertEquals(StageHarness.START, letter.failedAt());
        assertEquals(List.of("/stages/1/x failed after 5 attempts, dead-lettered: boom 5"), harness.warnings);
        assertEquals(1, context.counters().failed());
        assertEquals(1, context.counters().deadLettered());
    }

    @Test
    void passHandsTheItemOnUnchangedAndSkipDropsIt() throws Exception {
        guard(failing(99), "{'on_error': 'pass'}").accept(item, out::add);
        assertEquals(List.of(item), out);
        guard(failing(99), "{}").accept(item, out::add);
        assertEquals(1, out.size());
        assertEquals(List.of("/stages/1/x failed, passed on unchanged: boom 1", "/stages/1/x failed: boom 2"), harness.warnings);
        assertEquals(1, context.counters().failed(), "a passed item is not a failed one");
        assertEquals(List.of(), harness.sleeps);
    }

    @Test
    void aBugInAStageFailsTheItemLikeAStageFailure() throws Exception {
        guard((in, next) -> {
            throw new IllegalStateException("bug");
        }, "{}").accept(item, out::add);
        assertEquals(List.of("/stages/1/x failed: java.lang.IllegalStateException: bug"), harness.warnings);
    }

    @Test
    void badRetryOptionsAreProblems() {
        Options options = new Options((ObjectNode) StageHarness.parse("{'retry': {'attempts': 0, 'multiplier': 0.5, 'wait': 1}, 'on_error': 'ignore'}"),
                "/stages/1/x", context.paramsJson(), problems);
        new PipelineCompiler(StageLibrary.of(java.util.Map.of())).guard(failing(0), options, OnError.SKIP, context);
        assertEquals(List.of("/stages/1/x/retry/attempts: must be between 1 and 100", "/stages/1/x/retry/multiplier: must be at least 1",
                "/stages/1/x/retry/wait: unknown option", "/stages/1/x/on_error: must be skip, pass or dead_letter, not \"ignore\""),
                problems.stream().map(Problem::toString).toList());
    }
}
