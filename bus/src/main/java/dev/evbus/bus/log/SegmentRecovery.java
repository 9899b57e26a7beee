package dev.evbus.bus.log;

import dev.evbus.bus.log.SegmentFiles.Segment;
import dev.evbus.bus.log.SegmentScanner.Damage;
import dev.evbus.bus.log.SegmentScanner.Result;
import dev.evbus.bus.log.SegmentScanner.Run;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a segment directory back into chunks at open. Never throws on bad content: damage is
 * reported, one line per place, and skipped; only the directory itself failing is an error.
 *
 * <p>The next offset is one past the last record found, and at least the base offset of the
 * newest segment file, even an empty one: that is how offsets stay unique after every record
 * aged out (see {@link SegmentFlusher}, which leaves an empty segment named by the next offset).
 */
final class SegmentRecovery {
    /** No chunk is larger (a chunk holds at most 4 MiB or one record); a larger file is not a segment we wrote. */
    static final long MAX_SEGMENT_BYTES = 2 * Math.max(4L << 20, RecordFormat.MAX_RECORD);

    /** A recovered chunk and the base offset of the file it came from (a file may give several), or {@link #NO_FILE}. */
    record Recovered(Chunk chunk, long segmentBase) {
    }

    static final long NO_FILE = -1;

    /**
     * What the directory held.
     *
     * @param markerBase the newest file when it holds no records (it only carries the next offset), or -1
     */
    record Contents(List<Recovered> chunks, long nextOffset, long markerBase) {
    }

    private final SegmentFiles files;
    private final Consumer<String> warn;

    SegmentRecovery(SegmentFiles files, Consumer<String> warn) {
        this.files = files;
        this.warn = warn;
    }

    Contents recover(long maxBytes, TypeTable types) throws IOException {
        List<Segment> segments = keepNewest(files.list(), maxBytes);
        List<Recovered> chunks = new ArrayList<>();
        long last = 0;
        long markerBase = -1;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean newest = i == segments.size() - 1;
            int before = chunks.size();
            long lastInFile;
            try {
                lastInFile = read(segment, Math.max(last, segment.baseOffset() - 1), types, chunks);
            } catch (IOException unreadable) {
                warn.accept("log: could not read " + SegmentFiles.quoted(segment.path()) + ": "
                        + SegmentFiles.reason(unreadable));
                continue;
            }
            if (chunks.size() > before) {
                last = lastInFile;
            } else {
                if (newest) {
                    markerBase = segment.baseOffset();
                } else {
                    // Nothing left in it, and a newer file carries the offsets on.
                    deleteQuietly(segment);
                }
            }
        }
        long newestBase = segments.isEmpty() ? 0 : segments.getLast().baseOffset();
        if (newestBase > last + 1 && !chunks.isEmpty()) {
            // The newest file lost every record. The log takes its next offset from its last chunk,
            // so an empty chunk carries the file's base on; its offsets may have been handed out.
            chunks.add(new Recovered(Chunk.restore(newestBase, new byte[0], 0, types), NO_FILE));
        }
        return new Contents(chunks, Math.max(1, Math.max(last + 1, newestBase)), markerBase);
    }

    /** Deletes the oldest files beyond max_bytes; the newest always stays, it carries the next offset. */
    private List<Segment> keepNewest(List<Segment> segments, long maxBytes) throws IOException {
        long total = 0;
        int first = segments.size();
        while (first > 0) {
            long size = Files.size(segments.get(first - 1).path());
            if (first < segments.size() && total + size > maxBytes) {
                break;
            }
            total += size;
            first--;
        }
        for (Segment old : segments.subList(0, first)) {
            deleteQuietly(old);
        }
        return segments.subList(first, segments.size());
    }

    /** Adds the file's chunks and returns the last offset kept from it ({@code after} when none). */
    private long read(Segment segment, long after, TypeTable types, List<Recovered> into) throws IOException {
        long size = Files.size(segment.path());
        if (size > MAX_SEGMENT_BYTES) {
            warn.accept("log: ignored " + SegmentFiles.quoted(segment.path()) + ": " + size
                    + " bytes is larger than any segment the bus writes");
            return after;
        }
        byte[] data = Files.readAllBytes(segment.path());
        Result result = SegmentScanner.scan(data, data.length, after);
        for (Damage damage : result.damages()) {
            if (damage.trailing()) {
                cut(segment, data.length, damage);
            } else {
                warn.accept("log: damaged record in " + SegmentFiles.quoted(segment.path()) + " at byte " + damage.at()
                        + ": skipped " + damage.length() + " bytes to the next intact record");
            }
        }
        for (Run run : result.runs()) {
            boolean whole = run.start() == 0 && run.end() == data.length;
            byte[] bytes = whole ? data : Arrays.copyOfRange(data, run.start(), run.end());
            into.add(new Recovered(Chunk.restore(run.baseOffset(), bytes, bytes.length, types), segment.baseOffset()));
        }
        return result.lastOffset();
    }

    /** Truncates a file to its last good record, so the next recovery finds it clean. */
    private void cut(Segment segment, int size, Damage damage) {
        String what = "log: cut torn tail of " + SegmentFiles.quoted(segment.path()) + " at byte " + damage.at() + ": "
                + (size - damage.at()) + " bytes";
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE)) {
            channel.truncate(damage.at());
            channel.force(false);
            warn.accept(what);
        } catch (IOException failed) {
            warn.accept(what + " (not removed from the file: " + SegmentFiles.reason(failed) + ")");
        }
    }

    private void deleteQuietly(Segment segment) {
        try {
            files.delete(segment.baseOffset());
        } catch (IOException failed) {
            warn.accept("log: could not delete " + SegmentFiles.quoted(segment.path()) + ": "
                    + SegmentFiles.reason(failed));
        }
    }
}
