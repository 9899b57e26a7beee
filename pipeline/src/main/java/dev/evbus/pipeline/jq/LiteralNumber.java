package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number read from an event that a double cannot hold as written (an integer past 64 bits, a
 * decimal such as {@code 1.000} or {@code 0.10000000000000000001}): to jq it is the nearest
 * double, so arithmetic and comparison on it are in doubles, as in jq 1.7; left untouched it is
 * written back with the digits it came with (an exponent in the form {@code 1.5E+3}). An overflowing literal ({@code 1e1000}) is written as the
 * largest double, as jq 1.7 does.
 */
final class LiteralNumber extends NumericNode {
    private static final long serialVersionUID = 1L;

    private final double value;
    private final String literal;

    LiteralNumber(double value, String literal) {
        this.value = value;
        this.literal = literal;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(literal);
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonParser.NumberType numberType() {
        return JsonParser.NumberType.DOUBLE;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return true;
    }

    @Override
    public boolean isDouble() {
        return true;
    }

    @Override
    public boolean isNaN() {
        return false;
    }

    @Override
    public Number numberValue() {
        return value;
    }

    @Override
    public int intValue() {
        return (int) value;
    }

    @Override
    public long longValue() {
        return (long) value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public BigDecimal decimalValue() {
        return new BigDecimal(literal);
    }

    @Override
    public BigInteger bigIntegerValue() {
        return decimalValue().toBigInteger();
    }

    @Override
    public boolean canConvertToInt() {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    @Override
    public boolean canConvertToLong() {
        return value >= Long.MIN_VALUE && value <= Long.MAX_VALUE;
    }

    @Override
    public String asText() {
        return literal;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LiteralNumber number && number.literal.equals(literal);
    }

    @Override
    public int hashCode() {
        return literal.hashCode();
    }
}
