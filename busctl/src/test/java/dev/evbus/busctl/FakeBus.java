package dev.evbus.busctl;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import dev.evbus.transport.ChannelStreams;
import dev.evbus.transport.UnixSockets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bus that speaks only the producer side of the wire: it records publish frames and answers
 * acks. Blocking JDK channels, as the real bus has; closing one wakes the thread reading it.
 */
final class FakeBus implements AutoCloseable {
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** "connection number:event id" per frame received, in arrival order. */
    private final List<String> receivedOn = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch resume = new CountDownLatch(1);
    /** When positive, the bus dies (closes every connection) after receiving this many frames, without acking them. */
    private volatile int dieAfter;
    private volatile boolean stalled;
    /** Frames between two pauses of a millisecond, when positive: a bus that keeps up, slowly. */
    private volatile int pauseEvery;
    /** When set, every connection is closed as soon as it is accepted, before a byte is read. */
    private volatile boolean hangUp;
    private final Semaphore hungUp = new Semaphore(0);

    FakeBus(Path socketPath) throws IOException {
        this.socketPath = socketPath;
        this.server = UnixSockets.listenChannel(socketPath, 128);
        Thread.ofPlatform().daemon().name("fake-bus").start(this::accept);
    }

    /** Event ids in the order frames arrived, repeats included. */
    List<String> received() {
        return new ArrayList<>(received);
    }

    /** Each frame tagged with the number of the connection it came on: {@code "3:e17"}. */
    List<String> receivedOn() {
        return new ArrayList<>(receivedOn);
    }

    /** Reads slowly but keeps answering: sleeps a millisecond every {@code frames} frames. */
    void slow(int frames) {
        pauseEvery = frames;
    }

    void dieAfter(int frames) {
        dieAfter = frames;
    }

    /** Closes each connection at once once accepted: a bus that dies right after a client connected. */
    void hangUpOnAccept() {
        hangUp = true;
    }

    /** Waits until a connection was closed by {@link #hangUpOnAccept()}. */
    boolean awaitHangUp(Duration timeout) throws InterruptedException {
        return hungUp.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading: writers fill the socket buffer and block. */
    void stall() {
        stalled = true;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel socket = server.accept();
                if (hangUp) {
                    socket.close();
                    hungUp.release();
                    continue;
                }
                connections.add(socket);
                int number = connectionCount.incrementAndGet();
                Thread.ofPlatform().daemon().name("fake-bus-conn").start(() -> serve(socket, number));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel socket, int number) {
        long processed = 0;
        try (socket) {
            FrameReader reader = new FrameReader(ChannelStreams.in(socket));
            OutputStream out = ChannelStreams.out(socket);
            while (reader.next() && reader.terminated()) {
                if (stalled) {
                    resume.await();
                }
                Message message = FrameCodec.decode(reader);
                if (message instanceof Message.Bye) {
                    out.write(FrameCodec.encode(new Message.PublishAck(processed, 0, 0, 0, true)));
                    return;
                }
                if (message instanceof Message.Publish publish) {
                    received.add(publish.eventId());
                    receivedOn.add(number + ":" + publish.eventId());
                    processed++;
                    int every = pauseEvery;
                    if (every > 0 && processed % every == 0) {
                        Thread.sleep(1);
                    }
                    if (dieAfter > 0 && received.size() >= dieAfter) {
                        dieAfter = 0;
                        closeConnections();
                        return;
                    }
                    if (publish.ack()) {
                        out.write(FrameCodec.encode(new Message.PublishAck(processed, 0, 0)));
                    }
                }
            }
        } catch (IOException | FrameException | InterruptedException gone) {
            // the test closed the bus, or the publisher left
        }
    }

    private void closeConnections() {
        for (SocketChannel socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
        resume.countDown();
        Files.deleteIfExists(socketPath);
    }
}
