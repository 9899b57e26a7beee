package dev.evbus.sources.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads request bodies into memory within two bounds: one body at most {@code max_body} bytes
 * (decided from {@code Content-Length} before reading, and counted while reading a chunked body),
 * and all bodies held at once at most {@code max_buffered} bytes. A request that would pass the
 * second waits up to the read timeout for room, then is answered 503. Thread-safe.
 */
final class BodyReader {
    private static final int FIRST_CHUNK = 8 * 1024;

    private final long maxBody;
    /** Bytes of {@code max_buffered} not held by a body being read or handled; shared by all requests. */
    private final Semaphore room;
    private final Duration waitForRoom;

    BodyReader(long maxBody, long maxBuffered, Duration waitForRoom) {
        this.maxBody = maxBody;
        this.room = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxBuffered));
        this.waitForRoom = waitForRoom;
    }

    long maxBody() {
        return maxBody;
    }

    /** The body of {@code exchange}; close the result to give its room back. */
    Body read(HttpExchange exchange) throws TooLarge, NoRoom, IOException {
        long declared = declaredLength(exchange);
        if (declared > maxBody) {
            throw new TooLarge();
        }
        int reserved = (int) (declared >= 0 ? declared : maxBody);
        try {
            if (!room.tryAcquire(reserved, waitForRoom.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NoRoom();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NoRoom();
        }
        Body body = new Body(room, reserved);
        try (InputStream in = exchange.getRequestBody()) {
            if (declared >= 0) {
                body.bytes = in.readNBytes(reserved);
                body.length = body.bytes.length;
                if (body.length < reserved) {
                    throw new IOException("the client sent " + body.length + " of " + reserved + " bytes, then closed");
                }
            } else {
                readChunked(in, body);
            }
            return body;
        } catch (TooLarge | IOException | RuntimeException failed) {
            body.close();
            throw failed;
        }
    }

    private void readChunked(InputStream in, Body body) throws IOException, TooLarge {
        byte[] buffer = new byte[(int) Math.min(FIRST_CHUNK, maxBody + 1)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBody) {
                    throw new TooLarge();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBody + 1));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        if (length > maxBody) {
            throw new TooLarge();
        }
        body.bytes = buffer;
        body.length = length;
    }

    /** {@code Content-Length}, or -1 for a chunked body (the server has refused other framings). */
    private static long declaredLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return exchange.getRequestHeaders().containsKey("Transfer-Encoding") ? -1 : 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException checkedByServer) {
            return -1;
        }
    }

    /** A body held in memory and the room it takes; closing gives the room back, once. */
    static final class Body implements AutoCloseable {
        private final Semaphore room;
        private int reserved;
        byte[] bytes = new byte[0];
        int length;

        private Body(Semaphore room, int reserved) {
            this.room = room;
            this.reserved = reserved;
        }

        @Override
        public void close() {
            room.release(reserved);
            reserved = 0;
        }
    }

    /** The body is larger than {@code max_body}. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** No room for the body within the wait: too many large bodies at once. */
    static final class NoRoom extends Exception {
        NoRoom() {
            super(null, null, false, false);
        }
    }
}
