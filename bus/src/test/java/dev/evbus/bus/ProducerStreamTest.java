package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import dev.evbus.transport.PeerCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A producer's stream, frame after frame: publish frames read in place from the connection's
 * buffer are stored byte for byte as decoded ones were, and every other frame counts as before.
 */
class ProducerStreamTest {
    private static final String PAD = "p".repeat(200);

    private final MemoryHub bus = new MemoryHub();

    @AfterEach
    void closeLog() {
        bus.close();
    }

    @Test
    void everyFrameOfAStreamIsStoredCountedAndAcknowledgedAsItsDecodedFrameSays() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(PublishFrame.encode("a.b", "e1", "11", utf8("{\"n\":1,\"pad\":\"" + PAD + "\"}"), false));
        stream.writeBytes(PublishFrame.encode("a.b", null, "12", utf8("[2]"), true)); // no id: the first's must not carry over
        stream.writeBytes(utf8("{\"type\":\"publish\",\"event_type\":\"a.c\",\"source_time\":13}\n")); // no payload: null
        stream.writeBytes(utf8("{\"type\":\"publish\",\"event_type\":\"a\\u002ed\",\"source_time\":\"14\",\"payload\":\"d\"}\n"));
        stream.writeBytes(utf8("{\"type\":\"publish\",\"event_type\":\"bad*\",\"payload\":1,\"ack\":true}\n"));
        stream.writeBytes(utf8("not json\n"));
        stream.writeBytes(utf8("{\"type\":\"hello\",\"protocol\":1}\n"));
        stream.writeBytes(PublishFrame.encode("a.b", "e1", "15", utf8("5"), false)); // a duplicate id
        stream.writeBytes(PublishFrame.encode("a.b", "e6", "16", utf8("{\"n\":6,\"pad\":\"" + PAD + "\"}"), false));
        stream.writeBytes(FrameCodec.encode(new Message.Bye(false)));

        List<Message> answers = serve(stream.toByteArray());

        assertEquals(List.of(
                "a.b e1 11 {\"n\":1,\"pad\":\"" + PAD + "\"}",
                "a.b null 12 [2]",
                "a.c null 13 null",
                "a.d null 14 \"d\"",
                "a.b e6 16 {\"n\":6,\"pad\":\"" + PAD + "\"}"), stored());
        assertEquals(List.of(
                new Message.PublishAck(2, 0, 0, 2, true), // a memory log stores at once
                new Message.PublishAck(4, 0, 1, 4, true),
                new Message.PublishAck(5, 1, 3, 5, true)), answers);
        assertEquals(5, bus.hub.counts.total().accepted());
        assertEquals(1, bus.hub.counts.total().duplicates());
        assertEquals(3, bus.hub.counts.total().rejected());
        String logged = bus.logText();
        assertTrue(logged.contains("event_type must not contain '*'"), logged);
        assertTrue(logged.contains("unexpected frame in a publish stream"), logged);
    }

    @Test
    void readersWaitingForEventsAreWokenBeforeTheStreamWaitsForItsNextBytesEvenMidFrame() throws Exception {
        byte[] frames = new byte[0];
        for (int n = 1; n <= 4; n++) {
            byte[] frame = PublishFrame.encode("a.b", null, "1", utf8("{\"n\":" + n + "}"), false);
            frames = Arrays.copyOf(frames, frames.length + frame.length);
            System.arraycopy(frame, 0, frames, frames.length - frame.length, frame.length);
        }
        // The producer's first read ends halfway through the fourth frame; its next read waits for the test.
        int cut = frames.length - 5;
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        byte[] all = frames;
        InputStream socket = new InputStream() {
            private int reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                try {
                    if (reads++ == 0) {
                        firstRead.await();
                        System.arraycopy(all, 0, into, offset, cut);
                        return cut;
                    }
                    rest.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        FrameReader reader = new FrameReader(socket, FrameReader.MAX_FRAME, 1024);
        CompletableFuture<Boolean> woken = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                woken.complete(bus.events.awaitAppend(3, 60, TimeUnit.SECONDS)); // woken well before this
            } catch (InterruptedException e) {
                woken.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the waiter must be asleep before anything is appended, or no wake-up is needed
        }
        assertEquals(Thread.State.TIMED_WAITING, waiter.getState());
        FutureTask<Void> served = new FutureTask<>(() -> {
            assertTrue(reader.next());
            Message.Publish first = (Message.Publish) FrameCodec.decode(reader);
            new ProducerStream(bus.hub, bus.events, bus.log, TimeSource.system()).serve(first, connection(), reader);
            return null;
        });
        Thread.ofPlatform().start(served);
        firstRead.countDown();
        try {
            assertTrue(woken.get(10, TimeUnit.SECONDS), "the waiting reader saw events 1 to 3 while the stream waits");
            assertFalse(served.isDone(), "the producer's stream still waits for the rest of its fourth frame");
        } finally {
            rest.countDown();
        }
        served.get(10, TimeUnit.SECONDS); // the stream ended at the end of its bytes, without a fault
        assertEquals(3, bus.events.status().events(), "the cut fourth frame is not an event");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Serves {@code frames} as one producer connection through a reader whose buffer starts at 32
     * bytes (frames move and the buffer grows under the stream); the frames the bus answered with.
     */
    private List<Message> serve(byte[] frames) throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frames), FrameReader.MAX_FRAME, 32);
        assertTrue(reader.next());
        Message.Publish first = (Message.Publish) FrameCodec.decode(reader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProducerStream(bus.hub, bus.events, bus.log, TimeSource.system()).serve(first, connection(out), reader);
        List<Message> answers = new ArrayList<>();
        FrameReader sent = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
        while (sent.next()) {
            answers.add(FrameCodec.decode(sent));
        }
        return answers;
    }

    private Connection connection() {
        return connection(new ByteArrayOutputStream());
    }

    /** A producer's connection whose answers go to {@code out}. */
    private Connection connection(ByteArrayOutputStream out) {
        return new Connection(1, new PeerCredentials(PeerCredentials.currentUid(), PeerCredentials.UNKNOWN, true),
                () -> { }, new ByteArrayInputStream(new byte[0]), out, Deadlines.driven(TimeSource.system()), bus.log);
    }

    /** Each stored event as "type id time payload", in log order. */
    private List<String> stored() throws Exception {
        return bus.stored().stream().map(event -> event.eventType() + " " + event.eventId() + " " + event.sourceTime() + " "
                + new String(event.payload(), StandardCharsets.UTF_8)).toList();
    }
}
