package dev.evbus.sources.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.evbus.protocol.EventRules;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzz of {@code POST /events} bodies with extreme numbers and invalid Unicode, against a
 * real server: every answer is 200 or a one-line 400, an event whose id or type breaks
 * {@link EventRules} is never published, a valid one always is, and every number reaches the
 * payload exactly as written. The seed is in every failure message, so a failure repeats
 * ({@code -Devbus.fuzz.seed=N}).
 */
class HttpBodyFuzzTest {
    private static final long SEED = Long.getLong("evbus.fuzz.seed", 20261207L);
    private static final int BODIES = 600;
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static RunningSource running;

    /** A piece of an event: its bytes inside a JSON string or as a value, and whether a valid event may hold it. */
    private record Part(byte[] bytes, boolean valid) {
        static Part of(String text, boolean valid) {
            return new Part(text.getBytes(StandardCharsets.UTF_8), valid);
        }

        static Part raw(boolean valid, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new Part(b, valid);
        }
    }

    private static final List<Part> TEXT = List.of(
            Part.of("plain", true), Part.of("caf\u00e9", true), Part.of("\\ud83d\\ude00", true), Part.of("a.b-c_d", true),
            Part.of("\\ud800", false), Part.of("x\\udc00", false), Part.of("\\ude00\\ud83d", false), Part.of("a\\u0000", false),
            Part.of("\\u001f", false), Part.of("\\t", false), Part.of("\\u0085", false), Part.of("\\u007f", false),
            Part.raw(false, 0xff), Part.raw(false, 0xc0, 0xaf), Part.raw(false, 0xed, 0xa0, 0x80), Part.raw(false, 0xe2, 0x82),
            Part.raw(false, 0x80));

    /** Numbers as written; the last is longer than the parser takes (1,000 characters: it says so with 400). */
    private static final List<String> NUMBERS = List.of("1e999999", "-1E-999999", "123456789012345678901234567890",
            "0.10000000000000000000001", "-0", "1E+2", "1.0e-0", "18446744073709551617", "-9223372036854775809",
            "1" + "0".repeat(900), "0." + "0".repeat(500) + "1", "1e9999999999", "1" + "0".repeat(1200));

    @BeforeAll
    static void start() throws Exception {
        running = new RunningSource("\"max_body\": \"64KiB\"");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void extremeNumbersAndInvalidUnicodeCostOnlyTheirEventAndValidEventsKeepEveryNumberAsWritten() throws Exception {
        Random random = new Random(SEED);
        int published = 0;
        int refused = 0;
        for (int i = 0; i < BODIES; i++) {
            Part id = pick(random, TEXT);
            Part type = pick(random, TEXT);
            List<String> numbers = new ArrayList<>();
            for (int n = random.nextInt(4); n >= 0; n--) {
                numbers.add(NUMBERS.get(random.nextInt(NUMBERS.size())));
            }
            boolean spaced = random.nextBoolean(); // white space sends it down the tree path, none may take the fast one
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String gap = spaced ? " " : "";
            write(body, "{\"id\":\"f" + i + "-");
            body.writeBytes(id.bytes());
            write(body, "\"," + gap + "\"type\":\"t" + i + ".");
            body.writeBytes(type.bytes());
            write(body, "\",\"source\":\"fuzz\",\"timestamp\":1,\"data\":[" + String.join("," + gap, numbers) + "]}");
            byte[] bytes = body.toByteArray();
            String context = "seed " + SEED + ", body " + i + ": " + new String(bytes, StandardCharsets.ISO_8859_1);

            int before = running.ingest.published().size();
            HttpResponse<String> answer = running.send(HttpRequest.newBuilder(running.base.resolve("/events"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
            JsonNode reply = RunningSource.json(answer);
            String message = reply.path("message").asText();
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, context + " -> " + answer.statusCode() + " " + message);
            assertFalse(message.contains("\n") || message.contains("Exception") || message.contains("[Source"), context + " -> " + message);
            boolean numbersParse = numbers.stream().allMatch(n -> n.length() <= 1000);
            if (!id.valid() || !type.valid()) {
                assertEquals(400, answer.statusCode(), context + " -> " + message);
            } else if (numbersParse) {
                assertEquals(200, answer.statusCode(), context + " -> " + message);
            }
            if (answer.statusCode() == 200) {
                published++;
                List<FakeIngest.Published> events = running.ingest.published();
                assertEquals(before + 1, events.size(), context);
                FakeIngest.Published event = events.getLast();
                assertNull(EventRules.idProblem(event.id()), context);
                assertNull(EventRules.typeProblem(event.type()), context);
                JsonNode payload = STRICT.readTree(event.payload());
                assertEquals(event.id(), payload.path("id").asText(), context);
                assertTrue(event.payload().endsWith("\"data\":[" + String.join(",", numbers) + "]}"), context + " -> " + event.payload());
            } else {
                refused++;
                assertEquals(before, running.ingest.published().size(), context + ": a refused body published something");
            }
        }
        assertTrue(published > BODIES / 20 && refused > BODIES / 4, "published " + published + ", refused " + refused);
        assertEquals(200, running.get("/health").statusCode(), "the source still serves");
    }

    private static Part pick(Random random, List<Part> parts) {
        return parts.get(random.nextInt(parts.size()));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
