package dev.evbus.bus;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.io.OutputStream;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Writes one control frame (an answer, an ack, an error) to a connection that has no writer
 * thread of its own. The write keeps the wire's 5 s deadline, so a peer that stops reading
 * loses its connection instead of holding the thread that serves it.
 */
final class ControlWriter {
    private static final long CONTROL_WRITE_DEADLINE_MS = 5_000;

    private final Deadlines deadlines;

    ControlWriter(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    void write(AFUNIXSocket socket, OutputStream out, Message message) throws IOException {
        deadlines.start(socket, CONTROL_WRITE_DEADLINE_MS);
        try {
            out.write(FrameCodec.encode(message));
            out.flush();
        } finally {
            deadlines.clear(socket);
        }
    }
}
