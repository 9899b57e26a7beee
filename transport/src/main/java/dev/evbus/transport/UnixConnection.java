package dev.evbus.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A client's connection to a bus: a JDK Unix-domain channel in non-blocking mode behind streams
 * that block as a socket's do. The clients were written against junixsocket's socket, and this
 * keeps what they rely on:
 * <ul>
 * <li>One reader and one writer at once: each waits on its own selector ({@link ReadyWait}), never
 * on a lock the other holds, so a read waiting for the peer never holds up a write. (The streams of
 * {@link java.nio.channels.Channels} and {@link ChannelStreams} need a blocking channel, and a
 * blocking channel cannot time out.)</li>
 * <li>A timeout ({@link #setTimeout}) bounds each wait for the peer, reading or writing, as
 * junixsocket's SO_TIMEOUT (SO_RCVTIMEO and SO_SNDTIMEO) did; after a {@link SocketTimeoutException}
 * the connection is still usable.</li>
 * <li>{@link #close()} from any thread wakes a waiting reader, whose read then returns end of
 * stream as junixsocket's did, and a waiting writer, whose write fails.</li>
 * <li>Interrupts neither end a wait nor close the connection (a blocking JDK channel closes on one).</li>
 * </ul>
 */
public final class UnixConnection implements Closeable {
    /** junixsocket's text for a read or write that timed out (EAGAIN), kept so the messages users see do not change. */
    static final String TIMED_OUT = "Resource temporarily unavailable";
    /** junixsocket's text for I/O on a socket closed before it began. */
    private static final String CLOSED = "Socket is closed";
    /** What the JDK's channel says when the peer closed with our bytes unread (ECONNRESET)... */
    private static final String JDK_RESET = "Connection reset";
    /** ...and what junixsocket said (the C library's text), which users saw. */
    private static final String RESET = "Connection reset by peer";

    private final SocketChannel channel;
    /** Used by the reading thread only (one at a time); closed by {@link #close()}. */
    private final ReadyWait readable;
    /** Used by the writing thread only (one at a time); closed by {@link #close()}. */
    private final ReadyWait writable;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    /** How long one wait may last, 0 for no limit. Set by the connection's user, read by its reader and writer. */
    private volatile long timeoutNanos;

    /** Takes a connected channel; it is switched to non-blocking mode, which no other code may change. */
    UnixConnection(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        this.channel = channel;
        this.readable = new ReadyWait(channel, SelectionKey.OP_READ);
        this.writable = new ReadyWait(channel, SelectionKey.OP_WRITE);
    }

    public InputStream in() {
        return in;
    }

    /** Unbuffered: every write goes to the channel before it returns. */
    public OutputStream out() {
        return out;
    }

    /** Bounds each later wait for the peer, reading or writing; {@link Duration#ZERO} waits as long as it takes. */
    public void setTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        timeoutNanos = timeout.toNanos();
    }

    /** Half-closes: the peer reads end of stream, while its answers can still be read here. */
    public void shutdownOutput() throws IOException {
        try {
            channel.shutdownOutput();
        } catch (ClosedChannelException closed) {
            throw new SocketException(CLOSED);
        }
    }

    /** Closes from any thread; a thread waiting to read sees end of stream, one waiting to write an exception. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the selectors below still let go of the descriptor
        }
        readable.close();
        writable.close();
    }

    private int read(ByteBuffer buffer) throws IOException {
        while (true) {
            int n;
            try {
                n = channel.read(buffer);
            } catch (ClosedChannelException closed) {
                throw new SocketException(CLOSED);
            } catch (SocketException reset) {
                throw JDK_RESET.equals(reset.getMessage()) ? new SocketException(RESET) : reset;
            }
            if (n != 0) {
                return n;
            }
            if (!readable.await(timeoutNanos)) {
                if (!channel.isOpen()) {
                    return -1; // closed while we waited: end of stream, as junixsocket's read returned
                }
                throw new SocketTimeoutException(TIMED_OUT);
            }
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int n;
            try {
                n = channel.write(buffer);
            } catch (ClosedChannelException closed) {
                throw new SocketException(CLOSED);
            }
            // Each wait gets the whole timeout: a peer that keeps reading, however slowly, is not timed out.
            if (n == 0 && !writable.await(timeoutNanos)) {
                throw channel.isOpen() ? new SocketTimeoutException(TIMED_OUT) : new SocketException(CLOSED);
            }
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : UnixConnection.this.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() {
            UnixConnection.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            UnixConnection.this.write(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() {
            UnixConnection.this.close();
        }
    }
}
