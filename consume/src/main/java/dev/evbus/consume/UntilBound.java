package dev.evbus.consume;

import dev.evbus.protocol.Message;

/**
 * {@code consume --until}: where the stream ends, as {@code journalctl --until} ends its output.
 * Events up to the bound are written; the first event past it stops the consume (it is not
 * written), and so does reaching the live edge once the bound has passed: a bound in the past
 * can have no later event that is still within it.
 */
public sealed interface UntilBound {

    /** Whether {@code event} lies past the bound: it is not written and the consume stops. */
    boolean past(Message.Event event);

    /**
     * Whether a consumer at the live edge, having read every offset below {@code liveEdge}, is
     * done at wall-clock time {@code nowMillis}.
     */
    boolean doneAtLiveEdge(long liveEdge, long nowMillis);

    /** Up to log offset {@code last}, inclusive. */
    record Offset(long last) implements UntilBound {
        @Override
        public boolean past(Message.Event event) {
            return event.offset() > last;
        }

        @Override
        public boolean doneAtLiveEdge(long liveEdge, long nowMillis) {
            return liveEdge - 1 >= last;
        }
    }

    /**
     * Up to {@code epochMillis}, inclusive, compared with each event's {@code source_time} (the
     * time its publisher gave, else when the bus took it): the time a consume line shows.
     */
    record Time(long epochMillis) implements UntilBound {
        @Override
        public boolean past(Message.Event event) {
            String time = event.sourceTime();
            if (time == null || time.isEmpty() || time.length() > 18 || !time.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false; // no time to compare: the event is written, as the bus took it now-ish
            }
            return Long.parseLong(time) > epochMillis;
        }

        @Override
        public boolean doneAtLiveEdge(long liveEdge, long nowMillis) {
            return epochMillis <= nowMillis;
        }
    }
}
