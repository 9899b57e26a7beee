package dev.evbus.spool;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The publish frames of one spool file, in order. Content is untrusted (a crash may tear the last
 * line, a disk may corrupt one): every line that is not a whole publish frame is reported to
 * {@link Problems} with its byte offset and skipped, so reading always ends and never throws on
 * content; only failing I/O throws. Not thread-safe.
 */
public final class SpoolReader {
    /** Told about each line that is skipped. */
    @FunctionalInterface
    public interface Problems {
        void skipped(Path file, long offset, String reason);
    }

    private final FrameReader lines;
    private final Path file;
    private final Problems problems;

    public SpoolReader(InputStream in, Path file, Problems problems) {
        this.lines = new FrameReader(in);
        this.file = file;
        this.problems = problems;
    }

    /** The next publish frame, or null at the end of the file. */
    public Message.Publish next() throws IOException {
        while (true) {
            try {
                if (!lines.next()) {
                    return null;
                }
            } catch (FrameTooLargeException tooLong) {
                problems.skipped(file, lines.lineOffset(), "line longer than " + FrameReader.MAX_FRAME + " bytes");
                continue;
            }
            if (!lines.terminated()) {
                problems.skipped(file, lines.lineOffset(), "truncated last line (no newline)");
                return null;
            }
            try {
                if (FrameCodec.decode(lines) instanceof Message.Publish publish) {
                    return publish;
                }
                problems.skipped(file, lines.lineOffset(), "not a publish frame");
            } catch (FrameException bad) {
                problems.skipped(file, lines.lineOffset(), bad.getMessage());
            }
        }
    }
}
