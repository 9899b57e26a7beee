package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.event.ManualTime;
import dev.evbus.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorCommitsTest {
    private final ManualTime clock = new ManualTime();
    private final List<Long> sent = new ArrayList<>();

    private CursorCommits commits(boolean named) {
        return new CursorCommits(named, message -> sent.add(((Message.Commit) message).offset()), () -> null, clock);
    }

    @Test
    void aFlushCommitsWhatWasDeliveredAtMostEvery50MsOnTheClock() {
        CursorCommits commits = commits(true);
        commits.delivered(3);

        commits.flushed(false);
        assertEquals(List.of(), sent, "50 ms have not passed since the consumer started");

        clock.advance(Duration.ofMillis(49));
        commits.flushed(false);
        assertEquals(List.of(), sent);

        clock.advance(Duration.ofMillis(1));
        commits.flushed(false);
        assertEquals(List.of(3L), sent);

        commits.delivered(5);
        clock.advance(Duration.ofMillis(10));
        commits.flushed(false);
        assertEquals(List.of(3L), sent, "the interval starts again at each commit");
    }

    @Test
    void leavingCommitsAtOnceAndOnlyWhatIsNew() {
        CursorCommits commits = commits(true);
        commits.delivered(7);
        commits.delivered(4); // a worker finishing an older event does not move the cursor back

        commits.flushed(true);
        commits.flushed(true);

        assertEquals(List.of(7L), sent);
    }

    @Test
    void withoutANamedCursorNothingIsCommitted() {
        CursorCommits commits = commits(false);
        commits.delivered(7);
        clock.advance(Duration.ofSeconds(1));

        commits.flushed(true);

        assertEquals(List.of(), sent);
    }
}
