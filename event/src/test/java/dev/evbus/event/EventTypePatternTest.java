package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypePatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "*, order.placed, true",
        "*, x, true",
        "order.placed, order.placed, true",
        "order.placed, order.placed.v2, false",
        "order.placed, order, false",
        "order.*, order.placed, true",
        "order.*, order.refund.issued, true",
        "order.*, order, false",
        "order.*, orders.placed, false",
        "order*, orders.placed, true",
    })
    void patternMatchesExactPrefixGlobOrEverything(String pattern, String eventType, boolean expected) {
        assertEquals(expected, EventTypePattern.matches(pattern, eventType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "order.*", "order.placed", "order*"})
    void validPatternsHaveNoProblem(String pattern) {
        assertNull(EventTypePattern.problem(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.placed", "order.*.v2", "**x", "o*rder"})
    void starAnywhereButTheEndIsAProblem(String pattern) {
        assertNotNull(EventTypePattern.problem(pattern));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void emptyPatternIsAProblem(String pattern) {
        assertNotNull(EventTypePattern.problem(pattern));
    }

    @ParameterizedTest(name = "{0} selects {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "*,!events.*; shipment.created; true",
        "*,!events.*; events.processed; false",
        "!events.*,*; events.processed; false",
        "order.*,!order.test; order.placed; true",
        "order.*,!order.test; order.test; false",
        "order.*,!order.test; user.created; false",
        "a,b; b; true",
    })
    void aListSelectsWhatAnInclusionMatchesAndNoExclusionDoesWhateverTheOrder(String patterns, String type, boolean expected) {
        assertEquals(expected, EventTypePattern.selects(List.of(patterns.split(",")), type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "!!x", "!*.x"})
    void anExclusionNamesOneValidPattern(String pattern) {
        assertNotNull(EventTypePattern.problem(pattern));
    }

    @org.junit.jupiter.api.Test
    void aListOfExclusionsAloneSelectsNothingAndIsAProblem() {
        assertNotNull(EventTypePattern.listProblem(List.of("!events.*")));
        assertNull(EventTypePattern.listProblem(List.of("*", "!events.*")));
    }
}
