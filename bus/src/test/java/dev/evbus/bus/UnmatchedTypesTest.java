package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnmatchedTypesTest {

    @Test
    void countsEachTypeByNameUpToTheBoundAndEveryFurtherTypeUnderStar() {
        UnmatchedTypes unmatched = new UnmatchedTypes();
        for (int i = 0; i < UnmatchedTypes.MAX_TYPES + 50; i++) {
            unmatched.accepted("type." + i);
            unmatched.accepted("type." + i);
        }
        Map<String, Long> counts = unmatched.snapshot();
        assertEquals(UnmatchedTypes.MAX_TYPES + 1, counts.size());
        assertEquals(2L, counts.get("type.0"));
        assertEquals(100L, counts.get(UnmatchedTypes.OTHER), "50 further types, twice each");
    }

    @Test
    void aRepeatedTypeIsJudgedAgainWhenTheAttachedConsumersChange() {
        UnmatchedTypes unmatched = new UnmatchedTypes();
        String type = "order.placed"; // one String, as a producer's repeated frames give it
        unmatched.accepted(type);
        unmatched.accepted(type);
        try (Deadlines deadlines = Deadlines.watched(TimeSource.system())) {
            Message.Hello hello = new Message.Hello(1, "raw", List.of("order.*"), "0.1.0", "raw", Map.of(), "bot", 10, false);
            ConsumerConnection orders = new ConsumerConnection(hello, 1, () -> { }, new ByteArrayOutputStream(), deadlines);
            unmatched.consumersChanged(new ConsumerConnection[] {orders});
            unmatched.accepted(type);
            unmatched.consumersChanged(new ConsumerConnection[0]);
            unmatched.accepted(type);
        }
        assertEquals(Map.of(type, 3L), unmatched.snapshot(), "not counted while the consumer of order.* was attached");
    }

    @Test
    void aRepeatedTypeKeepsTheSlotItWasGivenByNameOrUnderStar() {
        UnmatchedTypes unmatched = new UnmatchedTypes();
        String first = "first";
        String late = "late";
        unmatched.accepted(first);
        for (int i = 1; i < UnmatchedTypes.MAX_TYPES; i++) {
            unmatched.accepted("type." + i);
        }
        for (int i = 0; i < 3; i++) {
            unmatched.accepted(late);
            unmatched.accepted(late);
            unmatched.accepted(first);
        }
        Map<String, Long> counts = unmatched.snapshot();
        assertEquals(4L, counts.get(first));
        assertEquals(6L, counts.get(UnmatchedTypes.OTHER), "a type past the bound, however often it repeats");
    }
}
