package dev.evbus.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A consumer speaking the wire protocol from the test JVM, for suites that need more consumers
 * than real {@code consume} processes would fit in memory. It checks what a real consumer's gap
 * check would: every event arrives exactly once and in order (the log offsets of one producer's
 * events, all types subscribed, follow each other). It keeps counts, not events, so large events
 * cost it nothing to hold.
 */
public final class RawConsumer implements AutoCloseable {
    private static final byte[] OFFSET = "\"offset\":".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final Thread reader;
    private volatile long received;
    private volatile long lastOffset;
    private volatile String problem;
    private volatile String lastError;

    private RawConsumer(SocketChannel channel) {
        this.channel = channel;
        this.reader = Thread.ofVirtual().name("raw-consumer").unstarted(this::read);
    }

    /** Attaches as subscription {@code subscription} of key {@code key}, every type, and starts reading. */
    public static RawConsumer attach(Path socketFile, String key, String subscription, long statedPid) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socketFile));
        RawConsumer consumer = new RawConsumer(channel);
        String hello = "{\"type\":\"hello\",\"pid\":" + statedPid + ",\"event_key\":\"" + key
                + "\",\"event_types\":[\"*\"],\"version\":\"0.1.0\",\"subscription_id\":\"" + subscription
                + "\",\"params\":{},\"buffer_size\":10,\"single_consumer\":false}\n";
        consumer.write(hello);
        String ack = consumer.readLine();
        if (!ack.contains("\"type\":\"hello_ack\"") || ack.contains("\"rejected\":true")) {
            channel.close();
            throw new IOException("hello refused: " + ack);
        }
        if (ack.contains("\"first_for_key\":true")) {
            consumer.write("{\"type\":\"setup_done\"}\n");
        }
        consumer.reader.start();
        return consumer;
    }

    private void write(String frame) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** The hello_ack, read one byte at a time so no event after it is consumed here. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed before the hello_ack; got " + line);
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return line.toString();
            }
            line.append(c);
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        byte[] line = new byte[4096];
        int length = 0;
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        frame(line, length);
                        length = 0;
                    } else if (length < line.length) {
                        line[length++] = b; // events are long; their head (type, offset) comes first
                    }
                }
                buffer.clear();
            }
        } catch (IOException closed) {
            // the test closed it, or the bus went away: received() says how far it got
        }
    }

    private void frame(byte[] line, int length) {
        String head = new String(line, 0, Math.min(length, 200), StandardCharsets.UTF_8);
        if (!head.contains("\"type\":\"event\"")) {
            if (head.contains("\"type\":\"error\"")) {
                lastError = head;
            }
            return;
        }
        long offset = offsetOf(line, length);
        if (received > 0 && offset != lastOffset + 1 && problem == null) {
            problem = "after offset " + lastOffset + " came " + offset;
        }
        lastOffset = offset;
        received++;
    }

    private static long offsetOf(byte[] line, int length) {
        outer:
        for (int i = 0; i + OFFSET.length < length; i++) {
            for (int j = 0; j < OFFSET.length; j++) {
                if (line[i + j] != OFFSET[j]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int k = i + OFFSET.length; k < length && line[k] >= '0' && line[k] <= '9'; k++) {
                value = value * 10 + (line[k] - '0');
            }
            return value;
        }
        return -1;
    }

    public long received() {
        return received;
    }

    /** Null while every event came once and in order; else what went wrong first. */
    public String problem() {
        return problem;
    }

    /** The last error frame the bus sent, if any. */
    public String lastError() {
        return lastError;
    }

    public boolean reading() {
        return reader.isAlive();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
