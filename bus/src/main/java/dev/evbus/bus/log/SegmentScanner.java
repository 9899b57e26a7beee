package dev.evbus.bus.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records worth keeping in the bytes of one segment file. A record is kept when it is
 * intact ({@link RecordFormat#isIntact}) and its offset is past every record kept before it;
 * anything else is damage, skipped by scanning forward byte by byte for the next record that
 * qualifies. Each step moves forward, so the scan ends on any content, in one pass plus the
 * checks of the candidate positions inside damage.
 */
final class SegmentScanner {

    /** Records with consecutive offsets, stored back to back at {@code [start, end)} of the file. */
    record Run(int start, int end, long baseOffset, int count) {
        long endOffset() {
            return baseOffset + count;
        }
    }

    /** Bytes {@code [at, at + length)} hold no record worth keeping; {@code trailing} when nothing good follows. */
    record Damage(int at, int length, boolean trailing) {
    }

    /**
     * What one file holds.
     *
     * @param goodEnd  where the last kept record ends (0 when none): the length a torn file is cut to
     * @param lastOffset the last kept record's offset, or the {@code after} it was scanned with
     */
    record Result(List<Run> runs, List<Damage> damages, int goodEnd, long lastOffset) {
        Damage trailingDamage() {
            return damages.isEmpty() || !damages.getLast().trailing() ? null : damages.getLast();
        }
    }

    private SegmentScanner() {
    }

    /** Scans {@code data[0, limit)}, keeping only records whose offsets are greater than {@code after}. */
    static Result scan(byte[] data, int limit, long after) {
        List<Run> runs = new ArrayList<>();
        List<Damage> damages = new ArrayList<>();
        long last = after;
        int goodEnd = 0;
        int runStart = -1;
        long runBase = 0;
        int at = 0;
        while (at < limit) {
            if (!qualifies(data, at, limit, last)) {
                int resume = resync(data, at + 1, limit, last);
                damages.add(new Damage(at, resume - at, resume == limit));
                at = resume;
                continue;
            }
            long offset = RecordFormat.offset(data, at);
            // A chunk needs consecutive offsets in contiguous bytes: anything else starts a new run.
            if (runStart < 0 || offset != last + 1 || at != goodEnd) {
                if (runStart >= 0) {
                    runs.add(new Run(runStart, goodEnd, runBase, (int) (last + 1 - runBase)));
                }
                runStart = at;
                runBase = offset;
            }
            last = offset;
            at += RecordFormat.totalLength(data, at);
            goodEnd = at;
        }
        if (runStart >= 0) {
            runs.add(new Run(runStart, goodEnd, runBase, (int) (last + 1 - runBase)));
        }
        return new Result(runs, damages, goodEnd, last);
    }

    /** The next position from {@code from} where a qualifying record starts, or {@code limit}. */
    private static int resync(byte[] data, int from, int limit, long last) {
        for (int at = from; at < limit; at++) {
            if (qualifies(data, at, limit, last)) {
                return at;
            }
        }
        return limit;
    }

    private static boolean qualifies(byte[] data, int at, int limit, long last) {
        // The offset test first: it is cheap and rules out most positions inside damage before a CRC.
        return limit - at >= RecordFormat.HEADER
                && RecordFormat.offset(data, at) > last
                && RecordFormat.isIntact(data, at, limit);
    }
}
