package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EventRulesTest {

    @Test
    void everyTypeTheHttpSourceOrThePublishPathTookBeforeIsStillATypeIncludingUnicodeAndPairedSurrogates() {
        for (String type : new String[] {"order.placed", "a-b_c.D9", "x".repeat(255), "x".repeat(EventRules.MAX_TYPE_CHARS),
                "commande.passée", "emoji.\uD83D\uDE00", "with space", "a/b:c"}) {
            assertNull(EventRules.typeProblem(type), type);
        }
    }

    @Test
    void aTypeThatIsEmptyTooLongAPatternOrHoldsAControlCharacterOrALoneSurrogateIsRefusedSayingWhy() {
        assertEquals("is missing", EventRules.typeProblem(""));
        assertEquals("is missing", EventRules.typeProblem(null));
        assertEquals("is longer than 1024 characters", EventRules.typeProblem("x".repeat(1025)));
        assertEquals("must not contain '*' (an exact type, such as order.placed; '*' is only for subscriptions)",
                EventRules.typeProblem("order.*"));
        assertEquals("must not start with '!' (a subscription's \"!pattern\" excludes types)",
                EventRules.typeProblem("!events.processed"));
        assertEquals("holds the control character U+0000 at character 2 (control characters are not allowed)",
                EventRules.typeProblem("a\u0000b"));
        assertEquals("holds the control character U+0085 at character 1 (control characters are not allowed)",
                EventRules.typeProblem("\u0085"));
        assertEquals("holds the lone surrogate U+D800 at character 3 (it is not valid Unicode)",
                EventRules.typeProblem("ab\uD800"));
        assertEquals("holds the lone surrogate U+DE00 at character 1 (it is not valid Unicode)",
                EventRules.typeProblem("\uDE00\uD83D"));
    }

    @Test
    void anIdMayBeAbsentOrEmptyButMustNotHoldControlCharactersOrLoneSurrogates() {
        assertNull(EventRules.idProblem(null));
        assertNull(EventRules.idProblem(""));
        assertNull(EventRules.idProblem("order-42 \uD83D\uDE00 *"));
        assertEquals("holds the lone surrogate U+D800 at character 1 (it is not valid Unicode)", EventRules.idProblem("\uD800"));
        assertEquals("holds the control character U+000A at character 2 (control characters are not allowed)",
                EventRules.idProblem("a\nb"));
    }

    @Test
    void aSourceTimeIsAbsentOrDigitsAndAPayloadOneToAFramesBytes() {
        assertNull(EventRules.sourceTimeProblem(null));
        assertNull(EventRules.sourceTimeProblem("1700000000000"));
        assertEquals("must be milliseconds since the epoch", EventRules.sourceTimeProblem(""));
        assertEquals("must be milliseconds since the epoch", EventRules.sourceTimeProblem("-1"));
        assertEquals("must be milliseconds since the epoch", EventRules.sourceTimeProblem("2024-01-01"));
        assertNull(EventRules.payloadProblem(1));
        assertNull(EventRules.payloadProblem(FrameReader.MAX_FRAME));
        assertEquals("is empty (it must be one JSON value)", EventRules.payloadProblem(0));
        assertEquals("is longer than the 1048576-byte frame limit", EventRules.payloadProblem(FrameReader.MAX_FRAME + 1));
    }

    @Test
    void aPublishProblemNamesTheFramesFieldTypeFirstThenIdThenSourceTime() {
        assertNull(EventRules.publishProblem("order.placed", null, null));
        assertEquals("event_type is missing", EventRules.publishProblem("", "\u0000", "x"));
        assertEquals("event_id holds the control character U+0000 at character 1 (control characters are not allowed)",
                EventRules.publishProblem("t", "\u0000", "x"));
        assertEquals("source_time must be milliseconds since the epoch", EventRules.publishProblem("t", "e", "x"));
    }
}
