package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
