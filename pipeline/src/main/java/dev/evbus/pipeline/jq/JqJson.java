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
import dev.evbus.protocol.JsonTreeScanner;
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
 *
 * <p>The rules are those of an {@code ObjectMapper} configured below ({@link Mapper}); the common
 * documents are read ({@link JsonTreeScanner} with {@link JqNumbers}) and written
 * ({@link JqTreeWriter}) to the same trees and bytes without it, because building the first
 * mapper costs a consumer's first event 20 ms and more (its date format's calendar and locale
 * data). {@code JqJsonTest} holds both ways to the mapper's.
 */
public final class JqJson {
    private final Numbers nodes = new Numbers();

    public JqJson() {
    }

    public JsonNode read(byte[] json, int offset, int length) throws IOException {
        JsonNode tree = JsonTreeScanner.read(json, offset, length, nodes, JqNumbers.INSTANCE);
        return tree != null ? tree : readWithMapper(json, offset, length);
    }

    public JsonNode read(byte[] json) throws IOException {
        return read(json, 0, json.length);
    }

    /** The value as compact JSON in UTF-8, its computed doubles as jq prints them. */
    public byte[] write(JsonNode value) throws IOException {
        byte[] bytes = JqTreeWriter.write(value);
        return bytes != null ? bytes : writeWithMapper(value);
    }

    /**
     * The mapper's reading, which {@link #read} gives without it where it can. Valid JSON it cannot
     * hold (a number whose exponent is past an int: {@code 1e99999999999}) is an IOException too,
     * not the unchecked exception Jackson throws, so that it costs its event only.
     */
    JsonNode readWithMapper(byte[] json, int offset, int length) throws IOException {
        try {
            return Mapper.MAPPER.readTree(json, offset, length);
        } catch (NumberFormatException outOfRange) {
            throw new IOException("a number out of range: " + outOfRange.getMessage().strip(), outOfRange);
        }
    }

    /** The mapper's writing, which {@link #write} gives without it where it can. */
    byte[] writeWithMapper(JsonNode value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = new JqDoubles(Mapper.MAPPER.createGenerator(out))) {
            Mapper.MAPPER.writeTree(generator, value);
        }
        return out.toByteArray();
    }

    /** The mapper that defines the rules, made on first use: most consumers never need it. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = create();

        private static ObjectMapper create() {
            ObjectMapper mapper = new ObjectMapper();
            mapper.setNodeFactory(new Numbers());
            mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
            return mapper;
        }
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
        private static final long serialVersionUID = 1L;

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
