package dev.evbus.sources.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceLinesTest {
    @TempDir
    Path dir;

    private FileSourceConfig typed(Fixture f, String typeField, String idField, String timeField) {
        FileSourceConfig c = f.fromBeginning();
        return new FileSourceConfig(c.path(), typeField, idField, timeField, c.startAt(), c.pollInterval(), null, c.maxLine());
    }

    private FileSourceConfig maxLine(Fixture f, int bytes) {
        FileSourceConfig c = f.fromBeginning();
        return new FileSourceConfig(c.path(), null, null, null, c.startAt(), c.pollInterval(), null, bytes);
    }

    @Test
    void invalidLinesAreCountedLoggedAndSkipped() throws IOException {
        Fixture f = new Fixture(dir);
        f.append(Fixture.event(1)
                + "not json at all\n"
                + "{\"payload\":{}}\n"
                + "{\"event_type\":\"a*\"}\n"
                + "{\"event_type\":\"t\",\"source_time\":\"yesterday\"}\n"
                + "{\"event_type\":\"t\"} {\"event_type\":\"t\"}\n"
                + "   \r\n"
                + Fixture.event(2));
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(f.payloads(1, 2), f.ingest.payloads());
        assertEquals(5, source.report().errors());
        assertEquals(SourceState.CONNECTED, source.report().state());
        List<String> rejections = f.log.stream().filter(line -> line.contains("rejected")).toList();
        assertEquals(5, rejections.size(), f.log::toString);
        assertTrue(rejections.get(1).contains("event_type is missing"), rejections.get(1));
        assertTrue(rejections.get(0).startsWith("file source: line at byte " + Fixture.event(1).length() + " of \""),
                rejections.get(0));
    }

    @Test
    void aRejectionQuotesWhatTheLineSaid() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("{\"event_type\":\"t\",\"source_time\":\"x\"}\n\"forged\nline\"\n");
        f.source(f.fromBeginning()).pollOnce();
        assertTrue(f.log.stream().noneMatch(line -> line.contains("\n")), f.log::toString);
    }

    @Test
    void aLineOverMaxLineIsSkippedWithoutStoppingTheOthers() throws IOException {
        Fixture f = new Fixture(dir);
        f.append(Fixture.event(1) + "{\"event_type\":\"t\",\"payload\":\"" + "x".repeat(200) + "\"}\n" + Fixture.event(2));
        FileSource source = f.source(maxLine(f, 64));
        source.pollOnce();
        assertEquals(f.payloads(1, 2), f.ingest.payloads());
        assertEquals(1, source.report().errors());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("longer than max_line (64 bytes)")), f.log::toString);
    }

    @Test
    void anOverLongLineArrivingInPiecesIsSkippedOnce() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("");
        FileSource source = f.source(maxLine(f, 64));
        source.pollOnce();
        f.append("{\"event_type\":\"t\",\"payload\":\"" + "y".repeat(100));
        source.pollOnce();
        f.append("z".repeat(200_000));
        source.pollOnce();
        f.append("\"}\n" + Fixture.event(1));
        source.pollOnce();
        assertEquals(f.payloads(1, 1), f.ingest.payloads());
        assertEquals(1, source.report().errors());
    }

    @Test
    void aLineLongerThanOneReadChunkUnderMaxLineIsPublishedWhole() throws IOException {
        Fixture f = new Fixture(dir);
        String big = "q".repeat(300_000);
        f.append("{\"event_type\":\"t\",\"payload\":\"" + big + "\"}\n" + Fixture.event(1));
        f.source(f.fromBeginning()).pollOnce();
        assertEquals(List.of("\"" + big + "\"", Fixture.payload(1)), f.ingest.payloads());
    }

    @Test
    void aLineOverTheDefaultMebibyteIsSkipped() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("{\"event_type\":\"t\",\"payload\":\"" + "w".repeat(3 << 20) + "\"}\n" + Fixture.event(1));
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(f.payloads(1, 1), f.ingest.payloads());
        assertEquals(1, source.report().errors());
    }

    @Test
    void withATypeFieldAnyObjectIsAnEventOfThatTypeCarriedWhole() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("{\"meta\":{\"kind\":\"order.created\"},\"id\":\"o-1\",\"ts\":1700000000123,\"total\":12.50}\n"
                + "{ \"meta\" : {\"kind\":\"order.paid\"}, \"id\": 42 }\n"
                + "{\"meta\":{\"kind\":\"order.paid\"},\"ts\":\"1700000000999\"}\n");
        f.source(typed(f, "meta.kind", "id", "ts")).pollOnce();
        assertEquals(List.of(
                new RecordingIngest.Published("order.created", "o-1", "1700000000123",
                        "{\"meta\":{\"kind\":\"order.created\"},\"id\":\"o-1\",\"ts\":1700000000123,\"total\":12.50}"),
                new RecordingIngest.Published("order.paid", "42", null, "{\"meta\":{\"kind\":\"order.paid\"},\"id\":42}"),
                new RecordingIngest.Published("order.paid", null, "1700000000999",
                        "{\"meta\":{\"kind\":\"order.paid\"},\"ts\":\"1700000000999\"}")),
                f.ingest.published);
    }

    @Test
    void withATypeFieldNumbersPastDoubleAndLongAreCarriedExactlyAsWrittenAndALoneSurrogateIdIsRefused() throws IOException {
        Fixture f = new Fixture(dir);
        String numbers = "{\"huge\":1e999999,\"beyond\":1e9999999999,\"long\":123456789012345678901234567890,\"tiny\":0.10000000000000000000001}";
        f.append("{\"kind\":\"n\",\"id\":\"\\ud800\",\"n\":1}\n"
                + "{ \"kind\": \"n\", \"id\": \"n-1\", \"n\": " + numbers + " }\n");
        FileSource source = f.source(typed(f, "kind", "id", "ts"));
        source.pollOnce();
        assertEquals(List.of("{\"kind\":\"n\",\"id\":\"n-1\",\"n\":" + numbers + "}"), f.ingest.payloads());
        assertEquals(1, source.report().errors());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("the event id holds the lone surrogate U+D800")), f.log::toString);
    }

    @Test
    void withATypeFieldLinesWithoutAUsableTypeIdOrTimeAreRejected() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("{\"kind\":\"ok\"}\n"
                + "{\"other\":1}\n"
                + "[\"kind\"]\n"
                + "{\"kind\":7}\n"
                + "{\"kind\":\"x\",\"id\":{\"a\":1}}\n"
                + "{\"kind\":\"x\",\"ts\":-5}\n"
                + "{\"kind\":\"x\",\"ts\":\"soon\"}\n");
        FileSource source = f.source(typed(f, "kind", "id", "ts"));
        source.pollOnce();
        assertEquals(List.of("{\"kind\":\"ok\"}"), f.ingest.payloads());
        assertEquals(6, source.report().errors());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("type_field \\\"kind\\\" must be a non-empty string, not missing")),
                f.log::toString);
    }

    @Test
    void moreThanTenRejectionsInABatchAreLoggedAsATotal() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("bad\n".repeat(25));
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(25, source.report().errors());
        assertEquals(11, f.log.size(), f.log::toString);
        assertTrue(f.log.get(10).contains("15 more lines"), f.log.get(10));
    }
}
