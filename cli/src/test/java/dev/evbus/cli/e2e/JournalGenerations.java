package dev.evbus.cli.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One room's journal read as subscription generations: preConsume and cleanup must strictly
 * alternate, a cleanup that was cut short (a {@code cleanup-start} without its {@code cleanup})
 * is finished by the next one, and each generation ends with exactly one finished cleanup.
 *
 * @param cleanupsByConsumer finished cleanups journaled by a consumer process
 * @param cleanupsByBus      finished cleanups journaled by a bus process
 * @param withoutPre         generations whose first consumer died before its preConsume began
 * @param violations         what broke the alternation, each with its line number
 */
record JournalGenerations(int pres, int cleanupsByConsumer, int cleanupsByBus, int withoutPre, List<String> violations) {

    /** Between pre and its cleanup; inside a cleanup; after a cleanup (or before anything). */
    private enum State { ACTIVE, CLEANING, FREE }

    static JournalGenerations of(List<Journal.Entry> entries, String room, Set<Long> consumerPids) {
        State state = State.FREE;
        int pres = 0;
        int byConsumer = 0;
        int byBus = 0;
        int withoutPre = 0;
        List<String> violations = new ArrayList<>();
        int line = 0;
        for (Journal.Entry entry : entries) {
            line++;
            if (!entry.room().equals(room)) {
                continue;
            }
            switch (entry.hook()) {
                case "pre" -> {
                    if (state != State.FREE) {
                        violations.add("line " + line + ": pre while " + state);
                    }
                    pres++;
                    state = State.ACTIVE;
                }
                case "cleanup-start" -> {
                    if (state == State.FREE) {
                        withoutPre++;
                    }
                    state = State.CLEANING;
                }
                case "cleanup" -> {
                    if (state != State.CLEANING) {
                        violations.add("line " + line + ": cleanup while " + state);
                    }
                    if (consumerPids.contains(entry.pid())) {
                        byConsumer++;
                    } else {
                        byBus++;
                    }
                    state = State.FREE;
                }
                default -> violations.add("line " + line + ": unknown hook " + entry.hook());
            }
        }
        if (state != State.FREE) {
            violations.add("the last generation ended " + state + ", without a finished cleanup");
        }
        return new JournalGenerations(pres, byConsumer, byBus, withoutPre, violations);
    }

    int cleanups() {
        return cleanupsByConsumer + cleanupsByBus;
    }

    /** Generations as the journal shows them: one per finished cleanup, when everything alternates. */
    int generations() {
        return pres + withoutPre;
    }
}
