package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Many random and damaged inputs through the decoders (seed {@value #DEFAULT_SEED}, or
 * {@code -Devbus.fuzz.seed=N}; every failure names the seed and the input): decoding throws
 * nothing but {@link FrameException}, the publish fast path decodes exactly as the Jackson path
 * does, {@link JsonValidator} never accepts what Jackson rejects, and what decodes encodes again.
 * Both run on a thread with the bus's small stack, where nesting at Jackson's limit must fit.
 */
class DecoderFuzzTest {
    private static final long DEFAULT_SEED = 20250601L;
    private static final long SEED = Long.getLong("evbus.fuzz.seed", DEFAULT_SEED);
    private static final int FRAMES = 6_000;
    private static final int MUTATIONS = 4;
    private static final JsonFactory JACKSON = new JsonFactory();

    @Test
    void everyDecodeEndsInAMessageOrAFrameExceptionAndBothPathsAgree() throws Throwable {
        SmallStack.run(DecoderFuzzTest::decodeRandomFrames);
    }

    private static void decodeRandomFrames() {
        FuzzInputs inputs = new FuzzInputs(new Random(SEED));
        int fastAnswers = 0;
        int decoded = 0;
        for (int n = 0; n < FRAMES; n++) {
            byte[] frame = n % 3 == 0 ? publishAround(inputs.value(0)) : inputs.frame();
            for (int m = 0; m <= MUTATIONS; m++) {
                byte[] input = m == 0 ? frame : inputs.mutate(m == 1 ? frame : inputs.mutate(frame));
                for (String implied : new String[] {null, "publish"}) {
                    String jackson = decodeOrFail(FrameCodec::decodeWithJackson, input, implied);
                    assertEquals(jackson, decodeOrFail(FrameCodec::decode, input, implied), () -> failure(input));
                    assertSurvivesReencoding(input, implied);
                    fastAnswers += PublishScanner.decode(input, 0, input.length, implied) != null ? 1 : 0;
                    decoded += jackson.startsWith("FrameException") ? 0 : 1;
                }
            }
            byte[] garbage = inputs.garbage(n % 64);
            decodeOrFail(FrameCodec::decode, garbage, null);
        }
        // not vacuous: the fast path answered often, and many inputs decoded at all
        assertTrue(fastAnswers > FRAMES / 4, "fast path answered " + fastAnswers + " times");
        assertTrue(decoded > FRAMES, "only " + decoded + " inputs decoded");
    }

    @Test
    void theValidatorNeverAcceptsWhatJacksonRejects() throws Throwable {
        SmallStack.run(DecoderFuzzTest::validateRandomValues);
    }

    private static void validateRandomValues() {
        FuzzInputs inputs = new FuzzInputs(new Random(SEED + 1));
        int validAccepted = 0;
        int valid = 0;
        for (int n = 0; n < FRAMES; n++) {
            byte[] value = FuzzInputs.utf8(inputs.value(0));
            for (int m = 0; m <= MUTATIONS; m++) {
                byte[] input = m == 0 ? value : inputs.mutate(value);
                boolean accepted = validatorAccepts(input);
                boolean jackson = jacksonAccepts(input);
                if (accepted && !jackson) {
                    fail("JsonValidator accepted what Jackson rejects: " + failure(input));
                }
                if (m == 0 && jackson) {
                    valid++;
                    validAccepted += accepted ? 1 : 0;
                }
            }
        }
        // it gives way now and then by design (limits, surrogate escapes), but takes most valid values
        assertTrue(validAccepted > valid * 3 / 4, "validator accepted " + validAccepted + " of " + valid + " valid values");
    }

    /**
     * What decodes encodes again, and back to the same: the bus re-encodes every publish it takes
     * (as an event frame) and writes control frames with the strings it was sent.
     */
    private static void assertSurvivesReencoding(byte[] input, String implied) {
        Message message;
        try {
            message = FrameCodec.decode(input, 0, input.length, implied);
        } catch (FrameException refused) {
            return;
        }
        boolean encodable = switch (message) {
            case Message.Publish p -> p.eventType() != null; // the bus refuses one without a type
            case Message.Event e -> false; // only the bus writes events
            case Message.Unknown u -> false; // unknown frames are dropped
            default -> true;
        };
        if (encodable) {
            byte[] again;
            try {
                again = FrameCodec.encode(message);
            } catch (RuntimeException e) {
                throw new AssertionError("encoding " + message + " threw " + e + " for " + failure(input), e);
            }
            if (validUtf8(input)) { // Jackson reads some invalid UTF-8 leniently, as text that encodes otherwise
                String before = DecodeOutcome.of(FrameCodec::decode, input, 0, input.length, implied);
                assertEquals(before, DecodeOutcome.of(FrameCodec::decode, again, 0, again.length - 1, null), () -> failure(input));
            }
        }
    }

    private static boolean validUtf8(byte[] input) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(input));
            return true;
        } catch (CharacterCodingException invalid) {
            return false;
        }
    }

    /** {@code {"type":"publish","event_type":"t","payload":VALUE}}: the payload is what the fast path validates. */
    private static byte[] publishAround(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FuzzInputs.utf8("{\"type\":\"publish\",\"event_type\":\"t\",\"payload\":"));
        out.writeBytes(FuzzInputs.utf8(value));
        out.write('}');
        return out.toByteArray();
    }

    private static String decodeOrFail(DecodeOutcome.Decoder decoder, byte[] input, String implied) {
        try {
            return DecodeOutcome.of(decoder, input, 0, input.length, implied);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("decode threw " + e + " for " + failure(input), e);
        }
    }

    private static boolean validatorAccepts(byte[] input) {
        JsonValidator json = new JsonValidator(input, input.length, FrameCodec.readConstraints());
        int end = json.value(json.skipWhitespace(0), 0);
        return end != JsonValidator.FAIL && json.skipWhitespace(end) == input.length;
    }

    /** One value and nothing after it, every string decoded: what Jackson calls valid JSON. */
    private static boolean jacksonAccepts(byte[] input) {
        try (JsonParser parser = JACKSON.createParser(input)) {
            if (parser.nextToken() == null) {
                return false;
            }
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    parser.getText();
                }
            } while (depth > 0 && parser.nextToken() != null);
            return depth == 0 && parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String failure(byte[] input) {
        return "seed " + SEED + " (-Devbus.fuzz.seed=" + SEED + "): " + DecodeOutcome.show(input);
    }
}
