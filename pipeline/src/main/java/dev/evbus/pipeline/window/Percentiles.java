package dev.evbus.pipeline.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.Options;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The percentiles a stage reports (its {@code percentiles} option, such as {@code [50, 95, 99]}),
 * and how they are written: {@code {"p50": …, "p99.9": …}}, exact values as they are, sketched
 * ones to four significant digits (the sketch is accurate to 1 %, more digits would mislead).
 */
public record Percentiles(List<Double> values) {
    public Percentiles {
        values = List.copyOf(values);
    }

    /** Reads {@code option}; absent gives {@code fallback}, a bad entry is a problem there. */
    public static Percentiles read(Options options, String option, List<Double> fallback) {
        JsonNode list = options.raw(option).orElse(null);
        if (list == null) {
            return new Percentiles(fallback);
        }
        List<Double> out = new ArrayList<>();
        if (!list.isArray()) {
            options.problem(option, "must be a list of numbers such as [50, 95, 99]");
            return new Percentiles(out);
        }
        for (JsonNode p : list) {
            if (!p.isNumber() || p.asDouble() <= 0 || p.asDouble() > 100) {
                options.problem(option, "must hold numbers above 0 and at most 100, not " + p);
            } else if (!out.contains(p.asDouble())) {
                out.add(p.asDouble());
            }
        }
        return new Percentiles(out);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Writes each percentile of {@code quantiles} into {@code out}; null when it holds no value. */
    public void write(Quantiles quantiles, ObjectNode out) {
        for (double p : values) {
            double at = quantiles.at(p);
            out.set(label(p), Double.isNaN(at) ? JsonNodeFactory.instance.nullNode()
                    : number(quantiles.isExact() ? at : new BigDecimal(at).round(new MathContext(4)).doubleValue()));
        }
    }

    /** {@code p50}, {@code p99.9}. */
    static String label(double percentile) {
        return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }

    /** Whole numbers as integers (a sum of counts reads 15, not 15.0). */
    public static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return LongNode.valueOf((long) value);
        }
        return DoubleNode.valueOf(value);
    }
}
