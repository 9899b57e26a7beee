package dev.evbus.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What both CLIs of the pipe section read: N events with the same numbered 200-byte JSON payload
 * ({@link BenchPayload}), as {@code evbus publish --stdin} lines or as the RESP {@code PUBLISH}
 * commands {@code redis-cli --pipe} sends as they are. Written to a file before the clock starts,
 * so neither run pays for generating its input and the bench's own threads stay out of the way.
 */
final class PipeInput {
    /** Both the evbus event type (matched by {@link ConsumerProcess#EVENT_PATTERN}) and the redis channel. */
    static final String TYPE = "bench.pipe";
    private static final byte[] EVBUS_HEAD = ("{\"event_type\":\"" + TYPE + "\",\"payload\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVBUS_TAIL = "}\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 256 * 1024;

    enum Format {
        EVBUS, REDIS
    }

    private PipeInput() {
    }

    /** One {@code publish --stdin} line: {@code {"event_type":"bench.pipe","payload":PAYLOAD}} and a newline. */
    static byte[] evbusLine(byte[] payload) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(EVBUS_HEAD);
        line.writeBytes(payload);
        line.writeBytes(EVBUS_TAIL);
        return line.toByteArray();
    }

    /** {@code PUBLISH bench.pipe PAYLOAD} in RESP: an array of three bulk strings, each with its byte length. */
    static byte[] redisCommand(byte[] payload) {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        command.writeBytes("*3\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : new byte[][] {"PUBLISH".getBytes(StandardCharsets.US_ASCII),
            TYPE.getBytes(StandardCharsets.US_ASCII), payload}) {
            command.writeBytes(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            command.writeBytes(part);
            command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return command.toByteArray();
    }

    /** Writes {@code events} events in {@code format} to {@code file}; the bytes written. */
    static long write(Path file, long events, Format format) throws IOException {
        BenchPayload payload = new BenchPayload();
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
            for (long n = 1; n <= events; n++) {
                byte[] filled = payload.fill(n, 0);
                byte[] event = format == Format.EVBUS ? evbusLine(filled) : redisCommand(filled);
                out.write(event);
                bytes += event.length;
            }
        }
        return bytes;
    }
}
