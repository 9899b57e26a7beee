package dev.evbus.bus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void eachFamilyHasHelpAndTypeLinesThenItsSamples() {
        Exposition out = new Exposition();
        out.counter("evbus_things_total", "Things seen.").sample(3, "type", "a").sample(4, "type", "b");
        out.gauge("evbus_level", "A level.").sample(0.25);

        assertEquals("""
                # HELP evbus_things_total Things seen.
                # TYPE evbus_things_total counter
                evbus_things_total{type="a"} 3
                evbus_things_total{type="b"} 4
                # HELP evbus_level A level.
                # TYPE evbus_level gauge
                evbus_level 0.25
                """, out.text());
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewlineAndHelpEscapesBackslashAndNewline() {
        Exposition out = new Exposition();
        out.gauge("g", "says \"hi\" \\ to\nall").sample(1, "type", "a\\b\"c\nd", "key", "ünï");

        assertEquals("""
                # HELP g says "hi" \\\\ to\\nall
                # TYPE g gauge
                g{type="a\\\\b\\"c\\nd",key="ünï"} 1
                """, out.text());
    }

    @Test
    void numbersAreWrittenPlainWholeOrDecimalAndSpecialValuesAsTheFormatNamesThem() {
        Exposition out = new Exposition();
        out.gauge("g", "h").sample(1_796_636_853.38, "v", "big").sample(-2, "v", "negative")
                .sample(Double.NaN, "v", "nan").sample(Double.POSITIVE_INFINITY, "v", "inf")
                .sample(Double.NEGATIVE_INFINITY, "v", "-inf").sample(1e-3, "v", "small");

        assertEquals(List.of("g{v=\"big\"} 1796636853.38", "g{v=\"negative\"} -2", "g{v=\"nan\"} NaN",
                "g{v=\"inf\"} +Inf", "g{v=\"-inf\"} -Inf", "g{v=\"small\"} 0.001"), out.text().lines().skip(2).toList());
    }

    @Test
    void aCounterWhoseNameDoesNotEndInTotalIsRefused() {
        Exposition out = new Exposition();
        assertThrows(IllegalArgumentException.class, () -> out.counter("evbus_things", "Things."));
    }

    @Test
    void badMetricAndLabelNamesAreRefused() {
        Exposition out = new Exposition();
        assertThrows(IllegalArgumentException.class, () -> out.gauge("evbus-level", "h"));
        Exposition.Family family = out.gauge("ok", "h");
        assertThrows(IllegalArgumentException.class, () -> family.sample(1, "bad-label", "x"));
        assertThrows(IllegalArgumentException.class, () -> family.sample(1, "__reserved", "x"));
        assertThrows(IllegalArgumentException.class, () -> family.sample(1, "odd"));
    }

    @Test
    void aFamilyIsWrittenOnceAndItsSamplesCannotBeSplitByAnother() {
        Exposition out = new Exposition();
        Exposition.Family first = out.gauge("first", "h");
        out.gauge("second", "h");

        assertThrows(IllegalStateException.class, () -> out.gauge("first", "again"));
        assertThrows(IllegalStateException.class, () -> first.sample(1));
    }

    @Test
    void aCollectorThatFailsLosesOnlyItsOwnFamilies() {
        MetricsRegistry registry = new MetricsRegistry(List.of(
                out -> out.gauge("before", "h").sample(1),
                out -> {
                    out.gauge("half", "h").sample(1);
                    throw new IllegalStateException("broken");
                },
                out -> out.gauge("after", "h").sample(2)));

        assertEquals("""
                # HELP before h
                # TYPE before gauge
                before 1
                # evbus: a collector failed: java.lang.IllegalStateException: broken
                # HELP after h
                # TYPE after gauge
                after 2
                """, registry.scrape());
    }
}
