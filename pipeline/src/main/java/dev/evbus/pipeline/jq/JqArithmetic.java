package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.operators.BinaryOperator;

/**
 * jq 1.7's arithmetic on numbers: {@code +}, {@code -} and {@code *} compute in doubles, whatever
 * the operands ({@code 18446744073709551617 - 10} is 1.8446744073709552e19, not jackson-jq's
 * wrapped {@code -9}; {@code 9007199254740993 + 0} is 9007199254740992, as in jq); {@code /} and
 * {@code %} are jackson-jq's, which already follow jq, given a double for an integer past 64 bits. Put in place of jackson-jq's {@code + - * / %} operators by
 * {@link ProgramTree}; everything but two numbers (strings, arrays, objects, null) is the
 * original operator's business.
 */
final class JqArithmetic implements BinaryOperator {
    private final BinaryOperator original;
    private final char operator;

    private JqArithmetic(BinaryOperator original, char operator) {
        this.original = original;
        this.operator = operator;
    }

    /** The jq 1.7 version of {@code original}, or null when it is not an arithmetic operator. */
    static BinaryOperator of(BinaryOperator original) {
        String image = original.image();
        return image.length() == 1 && "+-*/%".contains(image) ? new JqArithmetic(original, image.charAt(0)) : null;
    }

    @Override
    public JsonNode apply(ObjectMapper mapper, JsonNode lhs, JsonNode rhs) throws JsonQueryException {
        if (!lhs.isNumber() || !rhs.isNumber()) {
            Budget budget = Budget.current();
            if (budget != null) {
                budget.checkSize(resultSize(lhs, rhs));
            }
            return original.apply(mapper, lhs, rhs);
        }
        double a = lhs.doubleValue();
        double b = rhs.doubleValue();
        return switch (operator) {
            case '+' -> number(a + b);
            case '-' -> number(a - b);
            case '*' -> number(a * b);
            default -> original.apply(mapper, asOperand(lhs), asOperand(rhs));
        };
    }

    @Override
    public String image() {
        return original.image();
    }

    /** An integer past 64 bits goes to jackson-jq's operators as the double it is to jq. */
    private static JsonNode asOperand(JsonNode number) {
        return number.isIntegralNumber() && !number.canConvertToLong() ? DoubleNode.valueOf(number.doubleValue()) : number;
    }

    /**
     * About how many bytes the result of joining or repeating the operands takes, known before it
     * is made: a string repeated a billion times, or an array doubled in a loop, is refused at the
     * output limit before it can take the heap. Other results are no larger than their operands.
     */
    private long resultSize(JsonNode lhs, JsonNode rhs) {
        if (operator == '*' && (lhs.isTextual() && rhs.isNumber() || lhs.isNumber() && rhs.isTextual())) {
            JsonNode text = lhs.isTextual() ? lhs : rhs;
            double count = (lhs.isTextual() ? rhs : lhs).doubleValue();
            return count < 2 ? 0 : (long) Math.min(Long.MAX_VALUE / 2.0, text.textValue().length() * Math.floor(count));
        }
        if (operator != '+' && operator != '*') {
            return 0;
        }
        if (lhs.isTextual() && rhs.isTextual()) {
            return (long) lhs.textValue().length() + rhs.textValue().length();
        }
        return lhs.isContainerNode() && rhs.isContainerNode() ? 3L * (lhs.size() + rhs.size()) : 0;
    }

    private static JsonNode integral(long value) {
        return (int) value == value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    /**
     * A whole result below 1e16 is an integer node, as jackson-jq makes them: jq prints such a
     * double as the same digits, and every writer prints an integer node so. Any other result is a
     * double, which {@link JqJson} prints as jq does ({@code 1e+16}, {@code 18446744073709552000}).
     */
    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return integral((long) value);
        }
        return DoubleNode.valueOf(value);
    }
}
