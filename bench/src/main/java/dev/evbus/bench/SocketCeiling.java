package dev.evbus.bench;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import dev.evbus.transport.ChannelStreams;
import dev.evbus.transport.UnixSockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (e) What this machine's Unix sockets carry when nothing but copying happens: the bus's own event
 * frames (same bytes, built with {@link EventFrame}, written in the bus's batch size) from one
 * writer thread to one reader thread that counts newlines. Every bus figure is read against it.
 * Both ends are blocking JDK channels, as the bus's own are: one read or write call per batch.
 */
final class SocketCeiling {
    private static final int WRITE_BATCH_BYTES = 256 * 1024;
    private static final int READ_BYTES = 256 * 1024;

    /** One ceiling run. */
    record Result(long events, long bytes, long nanos) {
        double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e9 / nanos / (1024 * 1024);
        }
    }

    private SocketCeiling() {
    }

    static Result measure(long events) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "evbc");
        Path path = dir.resolve("c.sock");
        EventFrame frame = EventFrame.of(BenchPublisher.EVENT_TYPE, null, Long.toString(System.currentTimeMillis()), 1,
                new BenchPayload().fill(0, 0).clone());
        try (ServerSocketChannel server = UnixSockets.listenChannel(path, 1)) {
            AtomicLong readerDone = new AtomicLong();
            AtomicLong bytesRead = new AtomicLong();
            Thread reader = Thread.ofPlatform().name("ceiling-reader").start(() -> {
                try (SocketChannel socket = server.accept(); InputStream in = ChannelStreams.in(socket)) {
                    byte[] buffer = new byte[READ_BYTES];
                    long lines = 0;
                    int read;
                    while (lines < events && (read = in.read(buffer)) > 0) {
                        lines += OutputCounter.countNewlines(buffer, read);
                        bytesRead.addAndGet(read);
                    }
                    readerDone.set(System.nanoTime());
                } catch (IOException e) {
                    System.err.println("bench: ceiling reader: " + e);
                }
            });
            long start;
            try (SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                OutputStream out = ChannelStreams.out(socket);
                ByteSink batch = new ByteSink(WRITE_BATCH_BYTES + 1024);
                start = System.nanoTime();
                for (long seq = 1; seq <= events; seq++) {
                    frame.writeTo(batch, seq);
                    if (batch.size() >= WRITE_BATCH_BYTES) {
                        batch.writeTo(out);
                        batch.reset();
                    }
                }
                batch.writeTo(out);
                out.flush();
                reader.join();
            }
            if (readerDone.get() == 0) {
                throw new IOException("the ceiling reader did not see every event");
            }
            return new Result(events, bytesRead.get(), readerDone.get() - start);
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }
}
