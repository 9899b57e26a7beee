package dev.evbus.pipeline.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSketchTest {
    private static void assertWithinOnePercent(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Math.abs(expected) * LogSketch.RELATIVE_ACCURACY, expected + " vs " + actual);
    }

    @Test
    void ranksAcrossNegativeZeroAndPositiveValuesAreWithinOnePercent() {
        LogSketch sketch = new LogSketch();
        for (int i = -1000; i <= 1000; i++) {
            sketch.add(i);
        }
        assertEquals(2001, sketch.count());
        assertWithinOnePercent(-1000, sketch.valueAtRank(1));
        assertWithinOnePercent(-500, sketch.valueAtRank(501));
        assertEquals(0, sketch.valueAtRank(1001));
        assertWithinOnePercent(1000, sketch.valueAtRank(2001));
        assertTrue(Double.isNaN(sketch.valueAtRank(2002)));
    }

    @Test
    void mergedSketchesAnswerAsOne() {
        LogSketch low = new LogSketch();
        LogSketch high = new LogSketch();
        for (int i = 0; i < 100_000; i++) {
            low.add(1e-9 * (1 + i % 97));
            high.add(Math.pow(10, i % 300) * 1.5);
        }
        low.addAll(high);
        assertEquals(200_000, low.count());
        assertWithinOnePercent(1.5e299, low.valueAtRank(200_000));
        assertWithinOnePercent(1.5, low.valueAtRank(100_001));
    }

    @Test
    void pastTheBucketLimitTheSmallestMagnitudesMergeAndTheLargestStayAccurate() {
        LogSketch sketch = new LogSketch();
        for (int i = 0; i < 5_000; i++) {
            sketch.add(Math.pow(1.03, i));
        }
        assertEquals(LogSketch.MAX_BUCKETS, sketch.buckets());
        assertWithinOnePercent(Math.pow(1.03, 4_999), sketch.valueAtRank(5_000));
        assertWithinOnePercent(Math.pow(1.03, 4_000), sketch.valueAtRank(4_001));
    }

    @Test
    void quantilesSwitchFromExactToTheSketchPastTheLimit() {
        Quantiles exact = new Quantiles();
        Quantiles big = new Quantiles();
        for (int i = 1; i <= Quantiles.EXACT_LIMIT; i++) {
            exact.add(i);
            big.add(i);
        }
        big.add(Quantiles.EXACT_LIMIT + 1);
        assertTrue(exact.isExact());
        assertEquals(512, exact.at(50));
        assertTrue(!big.isExact());
        assertWithinOnePercent(513, big.at(50));
        exact.addAll(big);
        assertWithinOnePercent(1025, exact.at(100));
    }
}
