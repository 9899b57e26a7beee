package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Message decode(String frame) throws FrameException {
        return FrameCodec.decode(utf8(frame));
    }

    static Stream<Message> controlMessages() {
        return Stream.of(
                new Message.Hello(4242, "orders", List.of("order.*", "refund.issued"), ProtocolVersion.CURRENT,
                        "orders:AbCdEfGhIjKlMnOp", Map.of("region", "eu", "verbose", "true"), "bot", 250, true),
                new Message.Hello(4243, "raw", List.of("*"), ProtocolVersion.CURRENT, "raw", Map.of(), "auto", 0, false,
                        "offset:3", null).withCaughtUp(true),
                new Message.CaughtUp(1004),
                new Message.HelloAck("0.1.0", true, false, null),
                new Message.HelloAck("0.1.0", false, true, "single-consumer key already consumed by pid 77"),
                new Message.SourceStatus("http", "reconnecting", "connection refused"),
                new Message.PreShutdownCheck("orders", "orders:AbCdEfGhIjKlMnOp"),
                new Message.PreShutdownAck(true),
                new Message.SetupDone(false),
                new Message.Bye(),
                new Message.Adopt(4242),
                new Message.Adopted(77),
                new Message.Reload(),
                new Message.Reloaded(List.of("source http", "bridge"), List.of("retention"), null),
                new Message.Reloaded(List.of(), List.of(), "apps/shop.json: sources.http.listen: not host:port"),
                new Message.StatusQuery(),
                new Message.StatusResponse(99, "shop", "0.1.0", "2025-01-02T03:04:05Z", 3600, 2, 1000, 7, 1, List.of(
                        new StatusParts.ConsumerStatus(100, "orders", "orders:x", List.of("order.*"), 500, 3),
                        new StatusParts.ConsumerStatus(101, "raw", "raw", List.of("*"), 480, 0, 981, "retention.max_bytes", "audit")),
                        new StatusParts.LogStatus(5, 1004, 200_000, 1000, 12_000, 64L << 20, 600_000, true, 1003),
                        List.of(new StatusParts.CursorStatus("audit", "raw", "raw", 980, 24, 101, "2025-01-02T03:04:05Z"))),
                new Message.StatusResponse(98, "empty", "0.1.0", "2025-01-02T03:04:05Z", 1, 0, 0, 0, 0, List.of(), null, List.of()),
                new Message.StatusResponse(97, "served", "0.1.0", "2025-01-02T03:04:05Z", 1, 0, 0, 0, 0, List.of(), null, List.of(),
                        List.of(new StatusParts.SourceSummary("http", "http", "127.0.0.1:38211", "connected", 12, 1,
                                1_735_787_045_000L, null),
                                new StatusParts.SourceSummary("file", "file", null, "disconnected", 0, 0, 0, "did not start: gone"))),
                new Message.StatusResponse(96, "bridged", "0.1.0", "2025-01-02T03:04:05Z", 1, 0, 0, 0, 0, List.of(), null, List.of(),
                        List.of(), new StatusParts.BridgeSummary("nats", "host-a", "nats://127.0.0.1:4222", "EVBUS_SHOP",
                                "reconnecting", 120, 7, 0, 95, 2, 14, 1, "\"connection refused\"", 1_735_787_045_000L)),
                new Message.StatusResponse(95, "unheard", "0.1.0", "2025-01-02T03:04:05Z", 1, 0, 3, 0, 0, List.of(), null,
                        List.of(), List.of(), null, Map.of("odd.thing", 2L, "*", 1L)),
                new Message.StatusResponse(94, "piped", "0.1.0", "2025-01-02T03:04:05Z", 1, 1, 3, 0, 0, List.of(
                        new StatusParts.ConsumerStatus(300, "events.processed", "events.processed:x", List.of("*", "!events.*"),
                                12, 0, 13, null, "pipeline.recipe", new StatusParts.PipelineCounts(12, 2, 1, 1))), null,
                        List.of(), List.of(), null, Map.of(), List.of(new StatusParts.PipelineStatus("recipe", "events.processed",
                                "running", 300, 2, 13, 0, new StatusParts.PipelineCounts(12, 2, 1, 1), "\"503\""))),
                new Message.Commit(42, new StatusParts.PipelineCounts(40, 1, 1, 0)),
                new Message.Hello(7, "raw", List.of("*"), "0.1.0", "raw", Map.of(), "user", 100, false, "offset:42", "audit"),
                new Message.HelloAck("0.1.0", true, false, null, 42, 3),
                new Message.Bye(true),
                new Message.Commit(981),
                new Message.CursorRemove("audit"),
                new Message.CursorRemoved(false, "cursor \"audit\" is in use by pid 101"),
                new Message.PublishAck(10, 2, 1, 1004, true),
                new Message.Shutdown(),
                new Message.Shutdown(true),
                new Message.ShutdownAck(false, List.of(101L, 102L), 0),
                new Message.ShutdownAck(true, List.of(), 65_000),
                new Message.Hello(7, "raw", List.of("*"), "0.1.0", "raw", Map.of(), "user", 100, false, null, null,
                        Map.of("SHOP_TOKEN", "s3cret")),
                new Message.PublishAck(10, 2, 1),
                new Message.Error("bad \"hello\"\nfrom pid 5"));
    }

    @ParameterizedTest
    @MethodSource("controlMessages")
    void controlMessageSurvivesEncodeAndDecode(Message message) throws FrameException {
        byte[] frame = FrameCodec.encode(message);
        assertEquals('\n', frame[frame.length - 1]);
        assertEquals(1, new String(frame, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count(), "one line");
        assertEquals(message, FrameCodec.decode(frame));
    }

    @Test
    void aStatusResponseFromABusOlderThanSourcesHasNoSources() throws FrameException {
        Message.StatusResponse old = (Message.StatusResponse) decode("{\"type\":\"status_response\",\"pid\":5,\"consumers\":[]}");
        assertEquals(List.of(), old.sources());
    }

    @Test
    void sourcesInAStatusResponseUseSnakeCaseFields() throws Exception {
        JsonNode source = PLAIN.readTree(FrameCodec.encode(new Message.StatusResponse(1, "a", "0.1.0", "t", 0, 0, 0, 0, 0,
                List.of(), null, List.of(), List.of(new StatusParts.SourceSummary("http", "http", "127.0.0.1:1", "stalled", 4, 2,
                        9, "silent for 60 s"))))).get("sources").get(0);
        assertEquals("{\"name\":\"http\",\"kind\":\"http\",\"address\":\"127.0.0.1:1\",\"state\":\"stalled\","
                + "\"events_in\":4,\"errors\":2,\"last_event_at\":9,\"detail\":\"silent for 60 s\"}", source.toString());
    }

    @Test
    void aShutdownWithoutForceFromAnOlderClientIsAnUnforcedOneAndOnlyJsonTrueForcesIt() throws FrameException {
        assertEquals(new Message.Shutdown(false), decode("{\"type\":\"shutdown\"}"));
        assertEquals(new Message.Shutdown(true), decode("{\"type\":\"shutdown\",\"force\":true}"));
        for (String loose : new String[] {"\"true\"", "1", "{}"}) {
            assertThrows(FrameException.class, () -> decode("{\"type\":\"shutdown\",\"force\":" + loose + "}"),
                    "force " + loose + " is not a boolean and must not force a stop");
        }
    }

    @Test
    void aHelloShowsTheNamesOfItsApiCredentialsButNeverTheirValues() {
        Message.Hello hello = new Message.Hello(7, "raw", List.of("*"), "0.1.0", "raw", Map.of(), "user", 100, false)
                .withApiEnv(Map.of("SHOP_TOKEN", "s3cret"));
        assertTrue(hello.toString().contains("SHOP_TOKEN"), hello.toString());
        assertFalse(hello.toString().contains("s3cret"), hello.toString());
    }

    @ParameterizedTest
    @MethodSource("controlMessages")
    void typeIsTheFirstFieldOfEncodedControlFrames(Message message) throws Exception {
        String frame = new String(FrameCodec.encode(message), StandardCharsets.UTF_8);
        String type = PLAIN.readTree(frame).fieldNames().next();
        assertEquals("type", type);
        assertTrue(frame.startsWith("{\"type\":\""), frame);
    }

    @Test
    void fieldNamesOnTheWireAreSnakeCase() throws Exception {
        Message.Hello hello = (Message.Hello) controlMessages().findFirst().orElseThrow();
        JsonNode helloJson = PLAIN.readTree(FrameCodec.encode(hello));
        for (String field : List.of("event_key", "event_types", "subscription_id", "buffer_size", "single_consumer", "pid", "params")) {
            assertTrue(helloJson.has(field), () -> field + " missing from " + helloJson);
        }
        assertEquals("hello", helloJson.get("type").asText());

        JsonNode ackJson = PLAIN.readTree(FrameCodec.encode(new Message.HelloAck("0.1.0", true, false, null)));
        assertTrue(ackJson.get("first_for_key").asBoolean(), ackJson::toString);
        assertEquals("0.1.0", ackJson.get("bus_version").asText());

        JsonNode statusJson = PLAIN.readTree(FrameCodec.encode(controlMessages()
                .filter(Message.StatusResponse.class::isInstance).findFirst().orElseThrow()));
        assertEquals(3600, statusJson.get("uptime_sec").asLong());
        assertEquals(2, statusJson.get("active_conns").asInt());
        assertEquals("orders:x", statusJson.get("consumers").get(0).get("subscription_id").asText());
        assertEquals("orders", statusJson.get("consumers").get(0).get("event_key").asText());
    }

    @Test
    void eventFrameUsesSnakeCaseFields() throws Exception {
        JsonNode json = PLAIN.readTree(FrameCodec.encode(new Message.Event("order.placed", "e-1", "1700000000000", 0, 3, utf8("{}"))));
        assertEquals("event", json.get("type").asText());
        assertEquals("order.placed", json.get("event_type").asText());
        assertEquals("e-1", json.get("event_id").asText());
        assertEquals("1700000000000", json.get("source_time").asText());
        assertEquals(3, json.get("seq").asLong());
    }

    @Test
    void snakeCaseFieldsDecodeIntoRecordComponents() throws FrameException {
        Message decoded = decode("{\"type\":\"pre_shutdown_check\",\"event_key\":\"orders\",\"subscription_id\":\"orders:q\"}");
        assertEquals(new Message.PreShutdownCheck("orders", "orders:q"), decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"nested\":{\"a\":[1,2,{\"b\":null}]},\"s\":\"}\"}",
        "[1,\"two\",3.5,[]]",
        "\"a string with \\\"quotes\\\", a \\\\ and a \\n\"",
        "-12.5e3",
        "0",
        "1234567890123456789012345678901234567890",
        "true",
        "false",
        "null",
        "{}",
        "\"ünïcödé € 🚀\"",
    })
    void eventPayloadBytesComeBackExactlyAsSent(String payload) throws FrameException {
        byte[] frame = FrameCodec.encode(new Message.Event("ördér.placed", "é-1", "1700000000000", 0, 9, utf8(payload)));
        Message.Event event = assertInstanceOf(Message.Event.class, FrameCodec.decode(frame));
        assertEquals(payload, new String(event.payload(), StandardCharsets.UTF_8));
        assertEquals("ördér.placed", event.eventType());
        assertEquals("é-1", event.eventId());
        assertEquals(9, event.seq());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[1,{\"b\":\"ü\"}]}", "[true,null]", "\"x\"", "42", "-0.5", "true", "false", "null"})
    void eventPayloadIsExactWhenTheFrameSitsInsideALargerBuffer(String payload) throws FrameException {
        String frame = "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":2,\"payload\":" + payload + ",\"source_time\":\"5\"}";
        byte[] before = utf8("{\"type\":\"event\",\"payload\":\"ééé earlier frame\"}\n");
        byte[] after = utf8("\n{\"type\":\"bye\"}\n");
        byte[] body = utf8(frame);
        byte[] buffer = new byte[before.length + body.length + after.length];
        System.arraycopy(before, 0, buffer, 0, before.length);
        System.arraycopy(body, 0, buffer, before.length, body.length);
        System.arraycopy(after, 0, buffer, before.length + body.length, after.length);

        Message.Event event = assertInstanceOf(Message.Event.class, FrameCodec.decode(buffer, before.length, body.length));

        assertEquals(payload, new String(event.payload(), StandardCharsets.UTF_8));
        assertEquals("5", event.sourceTime());
        assertEquals(2, event.seq());
    }

    @Test
    void payloadOfEveryFrameReadFromAStreamIsExact() throws Exception {
        List<String> payloads = List.of("{\"n\":1}", "[\"ü\",2]", "\"three\"", "4", "true", "null");
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < payloads.size(); i++) {
            stream.append("{\"type\":\"publish\",\"event_type\":\"t").append(i).append("\",\"payload\": ")
                    .append(payloads.get(i)).append(" }\n");
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(utf8(stream.toString())));
        List<String> decoded = new ArrayList<>();
        while (reader.next()) {
            Message.Publish publish = assertInstanceOf(Message.Publish.class, FrameCodec.decode(reader));
            decoded.add(new String(publish.payload(), StandardCharsets.UTF_8));
        }
        assertEquals(payloads, decoded);
    }

    @Test
    void publishFrameDecodesWithAckAndOptionalFields() throws FrameException {
        Message.Publish publish = assertInstanceOf(Message.Publish.class,
                FrameCodec.decode(PublishFrame.encode("order.placed", null, null, utf8("{\"id\":7}"), true)));
        assertEquals("order.placed", publish.eventType());
        assertNull(publish.eventId());
        assertNull(publish.sourceTime());
        assertTrue(publish.ack());
        assertArrayEquals(utf8("{\"id\":7}"), publish.payload());
    }

    @Test
    void numericSourceTimeIsKeptAsItsDigits() throws FrameException {
        Message.Publish publish = assertInstanceOf(Message.Publish.class,
                decode("{\"type\":\"publish\",\"event_type\":\"t\",\"source_time\":1700000000123,\"payload\":{}}"));
        assertEquals("1700000000123", publish.sourceTime());
        assertFalse(publish.ack());
    }

    @Test
    void missingPayloadDecodesAsJsonNull() throws FrameException {
        Message.Event event = assertInstanceOf(Message.Event.class, decode("{\"type\":\"event\",\"event_type\":\"t\",\"seq\":1}"));
        assertEquals("null", new String(event.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownTypeDecodesToUnknown() throws FrameException {
        assertInstanceOf(Message.Unknown.class, decode("{\"type\":\"from_the_future\",\"x\":{\"y\":[1]}}"));
    }

    @Test
    void frameWithoutTypeDecodesToUnknown() throws FrameException {
        assertInstanceOf(Message.Unknown.class, decode("{\"event_key\":\"orders\"}"));
    }

    @Test
    void unknownFieldsAreIgnored() throws FrameException {
        Message decoded = decode("{\"type\":\"hello_ack\",\"added_later\":{\"deep\":[1,{\"x\":2}]},\"bus_version\":\"9\","
                + "\"first_for_key\":true,\"rejected\":false,\"also_new\":3}");
        assertEquals(new Message.HelloAck("9", true, false, null), decoded);
    }

    @Test
    void unknownFieldsInEventFramesAreIgnored() throws FrameException {
        Message.Event event = assertInstanceOf(Message.Event.class,
                decode("{\"type\":\"event\",\"trace\":{\"payload\":[9]},\"event_type\":\"t\",\"payload\":[1],\"later\":\"x\",\"seq\":4}"));
        assertEquals("[1]", new String(event.payload(), StandardCharsets.UTF_8));
        assertEquals(4, event.seq());
    }

    @Test
    void typeNeedNotComeFirstWhenDecoding() throws FrameException {
        assertEquals(new Message.PreShutdownAck(true), decode("{\"last_for_key\":true,\"type\":\"pre_shutdown_ack\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "[{\"type\":\"bye\"}]",
        "{\"type\":\"bye\"}{\"type\":\"bye\"}",
        "{\"type\":\"bye\"} trailing",
        "{\"type\":\"bye\"",
        "\"just a string\"",
        "",
        "{\"type\":\"event\",\"event_type\":5}",
    })
    void malformedFramesAreRejected(String frame) {
        assertThrows(FrameException.class, () -> decode(frame));
    }

    @Test
    void eventFrameWithSeqDecodesToTheSameEvent() throws FrameException {
        byte[] payload = utf8("{\"order\":{\"id\":17,\"lines\":[1,2]}}");
        ByteSink sink = new ByteSink(0);
        EventFrame.of("order.placed", "ord-17", "1700000000000", 0, payload).writeTo(sink, 123456789L);

        byte[] frame = sink.toByteArray();
        assertEquals('\n', frame[frame.length - 1]);
        Message.Event event = assertInstanceOf(Message.Event.class, FrameCodec.decode(frame));
        assertEquals("order.placed", event.eventType());
        assertEquals("ord-17", event.eventId());
        assertEquals("1700000000000", event.sourceTime());
        assertEquals(123456789L, event.seq());
        assertArrayEquals(payload, event.payload());
    }

    @Test
    void eventFrameWithoutIdDecodesWithNullId() throws FrameException {
        ByteSink sink = new ByteSink(0);
        EventFrame.of("a.b", null, "1", 0, utf8("7")).writeTo(sink, 1);
        Message.Event event = assertInstanceOf(Message.Event.class, FrameCodec.decode(sink.toByteArray()));
        assertNull(event.eventId());
        assertEquals("7", new String(event.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void oneEncodedEventServesManyConsumersWithTheirOwnSeq() throws Exception {
        EventFrame frame = EventFrame.of("t", "id", "1", 0, utf8("[]"));
        ByteSink sink = new ByteSink(0);
        for (long seq = 1; seq <= 3; seq++) {
            frame.writeTo(sink, seq);
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(sink.toByteArray()));
        List<Long> seqs = new ArrayList<>();
        while (reader.next()) {
            seqs.add(assertInstanceOf(Message.Event.class, FrameCodec.decode(reader)).seq());
        }
        assertEquals(List.of(1L, 2L, 3L), seqs);
    }

    @Test
    void eventTypeNeedingEscapesSurvivesTheWire() throws FrameException {
        String hostile = "evil\"},\"seq\":999\n{\"type\":\"shutdown\"}";
        Message.Event event = assertInstanceOf(Message.Event.class,
                FrameCodec.decode(FrameCodec.encode(new Message.Event(hostile, null, "1", 0, 5, utf8("1")))));
        assertEquals(hostile, event.eventType());
        assertEquals(5, event.seq());
    }

    /** Valid JSON that Jackson cannot hold in a BigDecimal: one FrameException, not an unchecked error in the reading thread. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"status_query\",\"x\":1e-2147483649}", "{\"type\":\"hello\",\"buffer_size\":[2e-2147483650]}"})
    void controlFrameWithAnExponentPastAnIntIsAFrameException(String frame) {
        FrameException bad = assertThrows(FrameException.class, () -> FrameCodec.decode(frame.getBytes(StandardCharsets.UTF_8)));
        assertTrue(bad.getMessage().contains("number out of range"), bad.getMessage());
    }

    /** Jackson's limit is 1000 levels; on a connection thread's stack every frame type decodes at it, or is refused past it. */
    @Test
    void framesNestedAtAndPastJacksonsLimitDecodeOnASmallStack() throws Throwable {
        SmallStack.run(() -> {
            for (String type : List.of("publish", "status_query", "hello", "mystery")) {
                String arrays = "[".repeat(999) + "]".repeat(999);
                Message message = FrameCodec.decode(("{\"type\":\"" + type + "\",\"event_type\":\"t\",\"payload\":" + arrays
                        + ",\"x\":" + arrays + "}").getBytes(StandardCharsets.UTF_8));
                assertTrue(type.equals("mystery") ? message instanceof Message.Unknown : !(message instanceof Message.Unknown), type);
                String tooDeep = "{\"type\":\"" + type + "\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
                assertThrows(FrameException.class, () -> FrameCodec.decode(tooDeep.getBytes(StandardCharsets.UTF_8)), type);
            }
        });
    }

    /** A {@code \\ud800} escape decodes to a lone surrogate; the event frame the bus builds from it must encode and decode back. */
    @ParameterizedTest
    @ValueSource(strings = {"a\\ud800", "\\udc00b", "x\\ud83d\\ude00\\ud800y", "\\ud800\\ud800"})
    void publishWithALoneSurrogateEscapeSurvivesTheEventFrame(String escaped) throws FrameException {
        Message.Publish publish = (Message.Publish) FrameCodec.decode(("{\"type\":\"publish\",\"event_type\":\"" + escaped
                + "\",\"event_id\":\"" + escaped + "\",\"payload\":1}").getBytes(StandardCharsets.UTF_8));
        Message.Event event = (Message.Event) FrameCodec.decode(EventFrame.encode(new Message.Event(publish.eventType(),
                publish.eventId(), "1", 1, 1, publish.payload())));
        assertEquals(publish.eventType(), event.eventType());
        assertEquals(publish.eventId(), event.eventId());
    }
}
