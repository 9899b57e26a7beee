package dev.evbus.bus.log;

import dev.evbus.event.EventTypePattern;
import java.util.Arrays;
import java.util.List;

/**
 * Which event types one reader wants, remembered per type number. Used by the reader's own
 * thread and by the log's evictor when it counts what the reader lost; both only ever store the
 * same answer for a type, so a lost cache write costs a recomputation, never a wrong answer.
 */
final class TypeFilter {
    private static final byte UNKNOWN = 0;
    private static final byte YES = 1;
    private static final byte NO = 2;

    private final List<String> patterns;
    private volatile byte[] answers = new byte[64];

    TypeFilter(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    boolean accepts(Chunk chunk, int index) {
        int id = chunk.typeId(index);
        if (id == TypeTable.UNNUMBERED) {
            return matches(RecordFormat.type(chunk.data(), chunk.start(index)));
        }
        byte[] known = answers;
        if (id < known.length && known[id] != UNKNOWN) {
            return known[id] == YES;
        }
        boolean match = matches(RecordFormat.type(chunk.data(), chunk.start(index)));
        if (id >= known.length) {
            known = Arrays.copyOf(known, Math.max(id + 1, known.length * 2));
        }
        known[id] = match ? YES : NO;
        answers = known;
        return match;
    }

    private boolean matches(String type) {
        return EventTypePattern.selects(patterns, type);
    }
}
