package dev.evbus.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking socket channel that a reader and a writer use at the same time (the
 * bus's): they go straight to the channel, whose reads and writes lock separately, so a writer
 * never waits for a reader that waits for the peer. {@link java.nio.channels.Channels}' streams
 * did that for a socket channel only from JDK 19 on (JDK-8279339; before, and still for other
 * selectable channels, reads and writes both take {@code blockingLock()}). A client's connection,
 * which needs timeouts, is a {@link UnixConnection} instead.
 */
public final class ChannelStreams {
    private ChannelStreams() {
    }

    public static InputStream in(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public static OutputStream out(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer); // blocking mode: returns once something is written
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
