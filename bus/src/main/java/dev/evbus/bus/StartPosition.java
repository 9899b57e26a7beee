package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.CursorName;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;

/**
 * Where a new consumer starts reading the log: after its named cursor when it has one that has
 * moved, else where {@code since} says, else at the end (live only). {@code missed} counts the
 * offsets it asked for that had already fallen off retention.
 */
record StartPosition(long offset, long missed, String rejectReason) {

    static StartPosition of(Message.Hello hello, ConsumerConnection consumer, RetentionLog log, Cursors cursors) {
        long first = log.firstOffset();
        if (hello.durable() != null) {
            String problem = CursorName.problem(hello.durable());
            if (problem != null) {
                return refused(problem);
            }
        }
        Since since;
        try {
            since = Since.parse(hello.since());
        } catch (IllegalArgumentException bad) {
            return refused(bad.getMessage());
        }
        if (hello.durable() != null) {
            Cursors.Attach attach = cursors.attach(hello.durable(), consumer);
            if (attach.rejected()) {
                return refused(attach.rejectReason());
            }
            if (attach.known()) {
                return from(attach.resumeAt(), first);
            }
        }
        // instanceof, not a type switch: this runs before a forking consumer's ready line, in a bus
        // still interpreted, and a type switch generates a class on first use (decision 0004)
        if (since instanceof Since.Offset offset) {
            return from(offset.offset(), first);
        }
        if (since instanceof Since.Time time) {
            return new StartPosition(log.offsetAtTime(time.epochMillis()), 0, null);
        }
        return new StartPosition(since instanceof Since.All ? first : log.endOffset(), 0, null);
    }

    private static StartPosition from(long wanted, long first) {
        // Past the end is allowed: the reader waits for that offset, like a JetStream start sequence.
        long start = Math.max(first, wanted);
        long missed = wanted < first ? first - Math.max(wanted, 1) : 0;
        return new StartPosition(start, Math.max(0, missed), null);
    }

    private static StartPosition refused(String reason) {
        return new StartPosition(0, 0, reason);
    }

    /** The {@code since} of a hello, as the consumer sends it. */
    sealed interface Since {
        record Live() implements Since {
        }

        record All() implements Since {
        }

        record Offset(long offset) implements Since {
        }

        record Time(long epochMillis) implements Since {
        }

        static Since parse(String text) {
            if (text == null || text.isEmpty()) {
                return new Live();
            }
            if (text.equals("all")) {
                return new All();
            }
            try {
                if (text.startsWith("offset:")) {
                    return new Offset(Long.parseLong(text.substring("offset:".length())));
                }
                if (text.startsWith("time:")) {
                    return new Time(Long.parseLong(text.substring("time:".length())));
                }
            } catch (NumberFormatException bad) {
                // reported below
            }
            throw new IllegalArgumentException("since must be all, offset:N or time:MS, not " + JsonText.quote(text));
        }
    }
}
