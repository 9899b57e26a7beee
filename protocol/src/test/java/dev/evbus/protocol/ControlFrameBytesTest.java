package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlFrameBytesTest {
    static Stream<Message> controlFrames() {
        return Stream.concat(hellos(), FrameCodecTest.controlMessages());
    }

    static Stream<Message.Hello> hellos() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "order.*");
        params.put("note", "quote \" backslash \\ tab \t newline \n bell \u0007 é \u2028");
        params.put("empty", "");
        return Stream.of(
                new Message.Hello(4243, "raw", List.of("*"), ProtocolVersion.CURRENT, "raw", Map.of(), "auto", 0, false),
                new Message.Hello(Long.MAX_VALUE, "log.alerts", List.of("order.*", "a\"b", "ü"), "0.1.0", "sub\u2028id",
                        params, "user", Integer.MAX_VALUE, true, "offset:42", "pipeline.audit"),
                new Message.Hello(7, "raw", List.of(), null, null, Map.of("k", "v"), null, 100, false, "all", null)
                        .withApiEnv(Map.of("EVBUS_API_TOKEN", "secret \u0000 value"))
                        .withCaughtUp(true),
                new Message.Hello(0, "lone \ud800 surrogate", List.of("x\udfff"), "1.2.3-rc.1", "s", Map.of(), "auto", 1, false));
    }

    /** What FrameCodec wrote for every control frame before it wrote them by hand: the tree, through Jackson's generator. */
    private static String throughJackson(Message frame) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator out = FrameCodec.factory().createGenerator(json)) {
            JsonTrees.write(ControlFrames.toTree(frame), out);
        }
        json.write('\n');
        return json.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("controlFrames")
    void aControlFrameIsWrittenByteForByteAsJacksonWritesItsTree(Message frame) throws IOException {
        assertEquals(throughJackson(frame), new String(FrameCodec.encode(frame), StandardCharsets.UTF_8));
    }

    /**
     * Jackson's generator escapes a character outside the BMP as two escaped surrogates, the
     * hand-written frame writes its four UTF-8 bytes (as every event frame does): the same text.
     */
    static Stream<Message> framesToDecode() {
        return Stream.concat(controlFrames(), Stream.of(new Message.Hello(1, "raw", List.of("😀.*"), "0.1.0", "raw",
                Map.of("emoji", "😀"), "auto", 0, false)));
    }

    @ParameterizedTest
    @MethodSource("framesToDecode")
    void aHandWrittenControlFrameDecodesToTheSameMessage(Message frame) throws FrameException {
        assertEquals(frame, FrameCodec.decode(FrameCodec.encode(frame)));
    }

    @org.junit.jupiter.api.Test
    void theScannersApplyTheLimitsOfTheFactoryTheFallbackParserUses() {
        var factory = FrameCodec.factory().streamReadConstraints();
        var scanners = FrameCodec.readConstraints();
        assertEquals(factory.getMaxStringLength(), scanners.getMaxStringLength());
        assertEquals(factory.getMaxNumberLength(), scanners.getMaxNumberLength());
        assertEquals(factory.getMaxNestingDepth(), scanners.getMaxNestingDepth());
        assertEquals(factory.getMaxDocumentLength(), scanners.getMaxDocumentLength());
        assertEquals(factory.getMaxNameLength(), scanners.getMaxNameLength());
    }
}
