package dev.evbus.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A JSON value written compactly with every number exactly as its source wrote it: a source's
 * payload must not change {@code 1e999999} into {@code 1E+999999}, lose the digits of
 * {@code 123456789012345678901234567890}, or fail on an exponent {@code BigDecimal} cannot hold.
 * Trees, which parse numbers, serve only checks and filters; payloads come from here.
 */
public final class NumbersAsWritten {
    private static final JsonFactory JSON = new JsonFactory();

    private NumbersAsWritten() {
    }

    /** The value at {@code parser}'s current token, to its end, compact; number tokens are copied as text. */
    public static byte[] copy(JsonParser parser) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                if (token.isNumeric()) {
                    generator.writeNumber(parser.getText());
                } else {
                    generator.copyCurrentEvent(parser);
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            } while (depth > 0 && parser.nextToken() != null);
        }
        return out.toByteArray();
    }
}
