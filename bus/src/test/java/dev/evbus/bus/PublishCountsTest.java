package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.bus.metrics.TypeCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishCountsTest {

    @Test
    void countsPerTypeAndTheTotalsAreTheirSums() {
        PublishCounts counts = new PublishCounts();
        counts.accepted("a");
        counts.accepted("a");
        counts.duplicate("a");
        counts.rejected("b");

        assertEquals(List.of(new TypeCounts("a", 2, 1, 0), new TypeCounts("b", 0, 0, 1)), counts.snapshot());
        assertEquals(new TypeCounts(null, 2, 1, 1), counts.total());
    }

    @Test
    void typesPastTheBoundAndRejectionsWithoutAUsableTypeShareTheOtherBucket() {
        PublishCounts counts = new PublishCounts();
        for (int i = 0; i < TypeSlots.MAX_TYPES + 20; i++) {
            counts.accepted("t." + i);
        }
        counts.rejected(null);
        counts.rejected("x".repeat(dev.evbus.protocol.EventRules.MAX_TYPE_CHARS + 1));

        List<TypeCounts> snapshot = counts.snapshot();
        assertEquals(TypeSlots.MAX_TYPES + 1, snapshot.size());
        TypeCounts other = snapshot.stream().filter(c -> c.type().equals(TypeSlots.OTHER)).findFirst().orElseThrow();
        assertEquals(new TypeCounts(TypeSlots.OTHER, 20, 0, 2), other);
        assertEquals(TypeSlots.MAX_TYPES + 20, counts.total().accepted());
    }
}
