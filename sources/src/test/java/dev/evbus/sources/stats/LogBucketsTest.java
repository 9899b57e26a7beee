package dev.evbus.sources.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogBucketsTest {
    private static void assertWithinOnePercent(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Math.abs(expected) * LogBuckets.RELATIVE_ACCURACY,
                expected + " vs " + actual);
    }

    @Test
    void everyRankOfMixedSignValuesIsWithinOnePercentOfTheExactOne() {
        Random random = new Random(8);
        double[] values = new double[5_000];
        LogBuckets buckets = new LogBuckets();
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 == 0 ? 0 : (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(9));
            buckets.add(values[i]);
        }
        Arrays.sort(values);
        for (int rank = 1; rank <= values.length; rank++) {
            assertWithinOnePercent(values[rank - 1], buckets.valueAtRank(rank));
        }
        assertTrue(Double.isNaN(buckets.valueAtRank(values.length + 1)));
    }

    @Test
    void valuesFarAboveAndBelowTheFirstMoveTheSpanWithoutLosingAccuracy() {
        LogBuckets buckets = new LogBuckets();
        buckets.add(1);
        buckets.add(1e12); // above the first span: it moves up
        buckets.add(1e-5); // below, and still within SPAN buckets of 1e12: it moves down
        assertWithinOnePercent(1e-5, buckets.valueAtRank(1));
        assertWithinOnePercent(1, buckets.valueAtRank(2));
        assertWithinOnePercent(1e12, buckets.valueAtRank(3));
    }

    @Test
    void aMagnitudeBelowTheKeptSpanCountsInItsLowestBucket() {
        LogBuckets buckets = new LogBuckets();
        buckets.add(1e11);
        buckets.add(1e-11); // 22 decades below: more than SPAN buckets
        assertEquals(2, buckets.count());
        assertTrue(buckets.valueAtRank(1) > 1e-11 && buckets.valueAtRank(1) < 1e11, "folded into the lowest kept bucket");
        assertWithinOnePercent(1e11, buckets.valueAtRank(2));
    }

    @Test
    void mergedBucketsAnswerAsOne() {
        LogBuckets low = new LogBuckets();
        LogBuckets high = new LogBuckets();
        for (int i = 1; i <= 500; i++) {
            low.add(i);
            high.add(500 + i);
        }
        low.addAll(high);
        assertEquals(1000, low.count());
        assertWithinOnePercent(500, low.valueAtRank(500));
        assertWithinOnePercent(990, low.valueAtRank(990));
    }

    @Test
    void aClearedInstanceStartsAfresh() {
        LogBuckets buckets = new LogBuckets();
        buckets.add(5);
        buckets.add(-5);
        buckets.clear();
        assertEquals(0, buckets.count());
        assertTrue(Double.isNaN(buckets.valueAtRank(1)));
        buckets.add(1e9);
        assertWithinOnePercent(1e9, buckets.valueAtRank(1));
    }
}
