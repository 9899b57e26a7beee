package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * JSON as jq 1.7 reads and writes numbers. Read: an integer that fits in 64 bits is exact, any
 * other number keeps its text ({@link LiteralNumber}) and is a double to jq. Written: a number
 * jq computed in doubles is printed as jq prints it ({@link JqNumberText}), an untouched one as
 * it was written. Used where events enter jq and where jq's results leave for the consumer's
 * output.
 */
public final class JqJson {
    private final ObjectMapper mapper;

    public JqJson() {
        mapper = new ObjectMapper();
        mapper.setNodeFactory(new Numbers());
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    public JsonNode read(byte[] json, int offset, int length) throws IOException {
        return mapper.readTree(json, offset, length);
    }

    public JsonNode read(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    /** The value as compact JSON in UTF-8, its computed doubles as jq prints them. */
    public byte[] write(JsonNode value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = new JqDoubles(mapper.createGenerator(out))) {
            mapper.writeTree(generator, value);
        }
        return out.toByteArray();
    }

    /** Writes every double through {@link JqNumberText}. */
    private static final class JqDoubles extends JsonGeneratorDelegate {
        JqDoubles(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            delegate.writeNumber(JqNumberText.of(value));
        }

        @Override
        public void writeNumber(float value) throws IOException {
            delegate.writeNumber(JqNumberText.of(value));
        }
    }

    /** Numbers as jq holds them; see the class comment. */
    private static final class Numbers extends JsonNodeFactory {
        @Override
        public ValueNode numberNode(BigInteger value) {
            if (value.bitLength() < 64) {
                long exact = value.longValue();
                return (int) exact == exact ? IntNode.valueOf((int) exact) : LongNode.valueOf(exact);
            }
            return new LiteralNumber(value.doubleValue(), value.toString());
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            double nearest = value.doubleValue();
            return new LiteralNumber(nearest, Double.isInfinite(nearest) ? JqNumberText.of(nearest) : value.toString());
        }
    }
}
