package dev.evbus.busctl;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import dev.evbus.transport.UnixConnection;
import dev.evbus.transport.UnixSockets;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/** A client's connection to a bus: frames out, frames in. Not thread-safe beyond one writer and one reader. */
public final class BusConnection implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final UnixConnection socket;
    private final OutputStream out;
    private final FrameReader reader;

    private BusConnection(UnixConnection socket) {
        this.socket = socket;
        this.out = socket.out();
        // The bus wraps payloads of up to a full frame in an event frame, so its frames may be a little longer.
        this.reader = new FrameReader(socket.in(), 2 * FrameReader.MAX_FRAME);
    }

    /**
     * Connects, or throws {@link NoBusException} when nothing listens there, and
     * {@link java.net.SocketTimeoutException} when a bus is there but did not take the connection
     * within {@link #CONNECT_TIMEOUT} (its backlog stayed full).
     */
    public static BusConnection open(Path socketPath) throws IOException {
        if (!Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoBusException(socketPath);
        }
        try {
            return new BusConnection(UnixSockets.dial(socketPath, CONNECT_TIMEOUT));
        } catch (java.net.SocketTimeoutException slow) {
            throw slow;
        } catch (IOException refused) {
            throw new NoBusException(socketPath);
        }
    }

    public void send(Message message) throws IOException {
        out.write(FrameCodec.encode(message));
        out.flush();
    }

    /** Writes bytes that already hold whole frames. */
    public void sendRaw(byte[] frames, int offset, int length) throws IOException {
        out.write(frames, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** The next frame; {@link EOFException} when the bus closed the connection. */
    public Message receive() throws IOException {
        advance();
        return decodeCurrent();
    }

    /** Moves to the next frame, whose bytes {@link #reader()} then shows; {@link EOFException} at the end. */
    public void advance() throws IOException {
        try {
            if (!reader.next() || !reader.terminated()) {
                throw new EOFException("the bus closed the connection");
            }
        } catch (FrameException tooLarge) {
            throw new IOException("the bus sent a frame longer than " + 2 * FrameReader.MAX_FRAME + " bytes", tooLarge);
        }
    }

    /** Decodes the frame {@link #advance()} moved to. */
    public Message decodeCurrent() throws IOException {
        try {
            return FrameCodec.decode(reader);
        } catch (FrameException bad) {
            throw new IOException("the bus sent a bad frame: " + bad.getMessage(), bad);
        }
    }

    public FrameReader reader() {
        return reader;
    }

    /**
     * Bounds each later wait for the bus, reading an answer or writing while it does not read:
     * {@link java.net.SocketTimeoutException} when it runs out, and the connection stays usable.
     */
    public void setTimeout(Duration timeout) {
        socket.setTimeout(timeout);
    }

    /** From any thread: a frame being read then ends as if the bus closed the connection. */
    @Override
    public void close() {
        socket.close();
    }
}
