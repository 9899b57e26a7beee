package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evbus.protocol.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteMarkTest extends DurableLogTest {

    @Test
    void aLocalOnlyReaderSkipsRemoteEventsAlsoAfterTheDurableLogIsReopened() throws Exception {
        RetentionLog log = fixture.open();
        append(log, "a1", false);
        append(log, "b1", true);
        long last = append(log, "a2", false);
        fixture.awaitStored(last);
        assertEquals(List.of("a1", "a2"), ids(log, true));

        log = fixture.reopen();
        assertEquals(List.of("a1", "a2"), ids(log, true), "the mark is in the segment files");
        assertEquals(List.of("a1", "b1", "a2"), ids(log, false), "consumers see remote events like any other");
    }

    @Test
    void aTypeLongerThanTheRecordCanMarkIsRefused() throws Exception {
        RetentionLog log = fixture.open();
        String type = "t".repeat(RecordFormat.MAX_TYPE_BYTES + 1);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> log.append(type, "x", "1", payload, 0, payload.length));
    }

    private static long append(RetentionLog log, String id, boolean remote) {
        byte[] payload = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        return log.append("order.created", id, "1", payload, 0, payload.length, remote);
    }

    private static List<String> ids(RetentionLog log, boolean localOnly) {
        LogReader reader = log.openReader(List.of("*"), 0, localOnly);
        try {
            ByteSink sink = new ByteSink(1 << 16);
            reader.read(sink, 1 << 16);
            String text = new String(sink.array(), 0, sink.size(), StandardCharsets.UTF_8);
            return text.lines().map(line -> line.replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1")).toList();
        } finally {
            log.closeReader(reader);
        }
    }
}
