package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.bridge.RemoteIngest;
import dev.evbus.bus.log.LogReader;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.event.ManualTime;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import dev.evbus.sources.Ingest;
import dev.evbus.transport.PeerCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every door into the log (publish frames, the spool, the sources, the bridge) goes through one intake: one verdict, one clock. */
class EventIntakeTest {
    private static final long BUS_NOW = 1_700_000_123_456L;
    private static final byte[] PAYLOAD = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private final MemoryHub bus = new MemoryHub(new ManualTime(Instant.ofEpochMilli(BUS_NOW)));
    private final BusIngest sources = new BusIngest(bus.hub, bus.events);
    private final RemoteIngest bridge = new BridgeIngest(sources);

    @TempDir
    Path root;

    @AfterEach
    void closeLog() {
        bus.close();
    }

    @Test
    void theSameBadTypeIdOrSourceTimeGetsTheSameVerdictFromFramesSpoolSourcesAndBridge() throws Exception {
        String[][] bad = {
                {"order.*", "e1", "1", "event_type must not contain '*' (an exact type, such as order.placed; '*' is only for subscriptions)"},
                {"!order", "e2", "1", "event_type must not start with '!' (a subscription's \"!pattern\" excludes types)"},
                {"t".repeat(1025), "e3", "1", "event_type is longer than 1024 characters"},
                {"order.placed", "e\u0000", "1", "event_id holds the control character U+0000 at character 2 (control characters are not allowed)"},
                {"order.placed", "e\ud800", "1", "event_id holds the lone surrogate U+D800 at character 2 (it is not valid Unicode)"},
                {"order.placed", "e4", "yesterday", "source_time must be milliseconds since the epoch"},
        };
        for (String[] event : bad) {
            String type = event[0];
            String id = event[1];
            String time = event[2];
            String verdict = event[3];
            assertEquals(verdict, EventIntake.problem(type, id, time, PAYLOAD.length));
            assertEquals(JsonText.quote(verdict), refusalOverAFrame(type, id, time), "a producer's publish frame");
            assertEquals(JsonText.quote(verdict), refusalFromASpoolFile(type, id, time), "a spool file");
            assertEquals(verdict, assertThrows(IllegalArgumentException.class,
                    () -> sources.publish(type, id, time, PAYLOAD)).getMessage(), "a source (HTTP, file)");
            assertEquals(verdict, assertThrows(IllegalArgumentException.class,
                    () -> bridge.publish(type, id, time, PAYLOAD)).getMessage(), "the bridge");
        }
        assertEquals(0, bus.events.status().events(), "nothing refused reached the log");
    }

    @Test
    void aPayloadOverTheFrameLimitGetsTheSameVerdictFromTheSourcesAndTheBridge() {
        byte[] huge = new byte[FrameReader.MAX_FRAME + 1];
        String verdict = "payload is longer than the " + FrameReader.MAX_FRAME + "-byte frame limit";
        assertEquals(verdict, EventIntake.problem("t", "e", null, huge.length));
        assertEquals(verdict, assertThrows(IllegalArgumentException.class, () -> sources.publish("t", "e", null, huge)).getMessage());
        assertEquals(verdict, assertThrows(IllegalArgumentException.class, () -> bridge.publish("t", "e", null, huge)).getMessage());
        assertEquals("payload is empty (it must be one JSON value)",
                assertThrows(IllegalArgumentException.class, () -> sources.publish("t", "e", null, new byte[0])).getMessage());
        assertEquals(0, bus.events.status().events());
    }

    @Test
    void anEventWithoutSourceTimeGetsTheBusClocksTimeAtEveryDoorAndAGivenTimeIsKept() throws Exception {
        serveFrames(PublishFrame.encode("t", "frame", null, PAYLOAD, false));
        spoolIntake(PublishFrame.encode("t", "spool", null, PAYLOAD, false)).takeAll();
        sources.publish("t", "source", null, PAYLOAD);
        bridge.publish("t", "bridge", null, PAYLOAD);
        sources.publish("t", "given", "42", PAYLOAD);

        String now = Long.toString(BUS_NOW);
        assertEquals(List.of("frame " + now, "spool " + now, "source " + now, "bridge " + now, "given 42"), idsAndTimes());
    }

    @Test
    void aDuplicateIdIsDroppedWhicheverDoorItComesThrough() throws Exception {
        assertTrue(bus.hub.intake.publish("t", "same", "1", PAYLOAD, false) > 0);
        assertEquals(EventIntake.DUPLICATE, bus.hub.intake.publish("t", "same", "1", PAYLOAD, false));
        assertEquals(Ingest.Outcome.DUPLICATE, sources.publish("t", "same", null, PAYLOAD));
        assertEquals(RemoteIngest.Outcome.DUPLICATE, bridge.publish("t", "same", null, PAYLOAD));
        assertEquals(1, bus.events.status().events());
    }

    /** The quoted reason the bus log gives for refusing a producer's stream of one frame. */
    private String refusalOverAFrame(String type, String id, String time) throws Exception {
        int before = bus.logText().length();
        serveFrames(PublishFrame.encode(type, id, time, PAYLOAD, false));
        return quotedReason(bus.logText().substring(before), "rejected a publish from ");
    }

    /** The quoted reason the bus log gives for refusing the one event of a spool file. */
    private String refusalFromASpoolFile(String type, String id, String time) throws Exception {
        int before = bus.logText().length();
        assertEquals(1, spoolIntake(PublishFrame.encode(type, id, time, PAYLOAD, false)).takeAll());
        return quotedReason(bus.logText().substring(before), "rejected an event: ");
    }

    /** Serves {@code frames} as one producer connection that ends after them. */
    private void serveFrames(byte[] frames) throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frames));
        assertTrue(reader.next());
        Message.Publish first = (Message.Publish) FrameCodec.decode(reader);
        Connection connection = new Connection(1, new PeerCredentials(PeerCredentials.currentUid(), PeerCredentials.UNKNOWN, true),
                () -> { }, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                Deadlines.driven(TimeSource.system()), bus.log);
        new ProducerStream(bus.hub, bus.events, bus.log, TimeSource.system()).serve(first, connection, reader);
    }

    private SpoolIntake spoolIntake(byte[] frames) throws Exception {
        AppPaths paths = new Home(root).app("a");
        Files.createDirectories(paths.spoolDir());
        Files.write(paths.spoolDir().resolve("0000000001000-0000000001-000000.spool"), frames);
        return new SpoolIntake(paths, bus.log, bus.hub.intake, () -> { });
    }

    /** The quoted reason that ends the log line holding {@code lead}: the last {@code : "..."} (quotes inside are escaped). */
    private static String quotedReason(String lines, String lead) {
        String line = lines.lines().filter(l -> l.contains(lead)).findFirst().orElseThrow(() -> new AssertionError(lines));
        return line.substring(line.lastIndexOf(": \"") + 2);
    }

    /** Each stored event's id and source time, in log order, remote ones (the bridge's) included. */
    private List<String> idsAndTimes() throws Exception {
        return bus.stored().stream().map(event -> event.eventId() + " " + event.sourceTime()).toList();
    }
}
