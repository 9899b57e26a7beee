package dev.evbus.pipeline.jq;

import java.math.BigDecimal;

/**
 * Doubles written as jq prints them: the shortest digits that read back as the same double, in
 * plain notation unless the decimal point lies 4 or more places before the first digit or more than
 * 15 places past the last ({@code 18446744073709552000}, {@code 1e+17}, {@code 1e-05},
 * {@code 0.3333333333333333}); infinities as the largest double, NaN as null.
 */
final class JqNumberText {
    private JqNumberText() {
    }

    static String of(double value) {
        if (Double.isNaN(value)) {
            return "null";
        }
        double finite = Double.isInfinite(value) ? Math.copySign(Double.MAX_VALUE, value) : value;
        if (finite == 0) {
            return 1 / finite < 0 ? "-0" : "0";
        }
        // Double.toString gives the shortest digits that read back as the same double
        BigDecimal shortest = new BigDecimal(Double.toString(finite)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int point = digits.length() - shortest.scale();
        StringBuilder text = new StringBuilder(finite < 0 ? "-" : "");
        if (point <= -4 || point > digits.length() + 15) {
            text.append(digits.charAt(0));
            if (digits.length() > 1) {
                text.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            text.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) {
                text.append('0');
            }
            return text.append(Math.abs(exponent)).toString();
        }
        if (point <= 0) {
            return text.append("0.").append("0".repeat(-point)).append(digits).toString();
        }
        if (point >= digits.length()) {
            return text.append(digits).append("0".repeat(point - digits.length())).toString();
        }
        return text.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }
}
