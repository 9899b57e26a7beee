package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> SECTIONS = List.of("api", "retention", "limits", "sources", "bridge");

    @Test
    void aTypoOfOneOrTwoEditsOrASwapOfNeighboursSuggestsTheNameItMeant() {
        assertEquals(Optional.of("retention"), DidYouMean.closest("retension", SECTIONS));
        assertEquals(Optional.of("listen"), DidYouMean.closest("lisen", List.of("listen", "token_env", "max_body")));
        assertEquals(Optional.of("http"), DidYouMean.closest("htp", List.of("file", "http")));
        assertEquals(Optional.of("path"), DidYouMean.closest("paht", List.of("path", "type_field")));
        assertEquals(Optional.of("sources"), DidYouMean.closest("Sources", SECTIONS));
    }

    @Test
    void aNameFarFromEveryKnownOneSuggestsNothing() {
        assertEquals(Optional.empty(), DidYouMean.closest("colour", SECTIONS));
        assertEquals(Optional.empty(), DidYouMean.closest("x", List.of("ab")));
        assertEquals(Optional.empty(), DidYouMean.closest("", SECTIONS));
        assertEquals(Optional.empty(), DidYouMean.closest("r".repeat(10_000), SECTIONS));
    }

    @Test
    void theDistanceCountsInsertionsDeletionsSubstitutionsAndNeighbourSwapsAsOneEach() {
        assertEquals(0, DidYouMean.distance("api", "api"));
        assertEquals(1, DidYouMean.distance("lisen", "listen"));
        assertEquals(1, DidYouMean.distance("retension", "retention"));
        assertEquals(1, DidYouMean.distance("paht", "path"));
        assertEquals(3, DidYouMean.distance("", "abc"));
    }
}
