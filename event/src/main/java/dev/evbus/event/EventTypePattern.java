package dev.evbus.event;

import java.util.List;

/**
 * The event-type patterns consumers subscribe with: an exact type, a prefix glob such as
 * {@code order.*}, or {@code *} for everything; and, in a list, exclusions written {@code !pattern}.
 * Kept this small so the bus can route without regexes.
 *
 * <p>A list selects a type when at least one inclusion matches it and no exclusion does, whatever
 * the order: {@code ["*", "!events.*"]} takes every type but the {@code events.} family. Order-free
 * rules are easier to read in a key file than first-match-wins ones, and an exclusion can only
 * narrow a list, never widen it.
 */
public final class EventTypePattern {
    private static final char EXCLUDE = '!';

    private EventTypePattern() {
    }

    public static boolean matches(String pattern, String eventType) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return eventType.regionMatches(0, pattern, 0, pattern.length() - 1);
        }
        return pattern.equals(eventType);
    }

    /** Whether a list of patterns (inclusions and {@code !} exclusions) selects the type. */
    public static boolean selects(List<String> patterns, String eventType) {
        boolean included = false;
        for (String pattern : patterns) {
            if (isExclusion(pattern)) {
                if (matches(pattern.substring(1), eventType)) {
                    return false;
                }
            } else if (!included && matches(pattern, eventType)) {
                included = true;
            }
        }
        return included;
    }

    public static boolean isExclusion(String pattern) {
        return !pattern.isEmpty() && pattern.charAt(0) == EXCLUDE;
    }

    /** Null when valid, else why not: a {@code *} may only stand at the end. */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "event type must not be empty";
        }
        if (isExclusion(pattern)) {
            String excluded = pattern.substring(1);
            if (excluded.isEmpty() || isExclusion(excluded)) {
                return "'!' excludes one pattern (\"!events.*\"), not \"" + pattern + "\"";
            }
            return problem(excluded);
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            return "'*' may only end an event type pattern (\"order.*\" or \"*\")";
        }
        return null;
    }

    /** Null when every pattern is valid and at least one includes, else the first problem found. */
    public static String listProblem(List<String> patterns) {
        boolean includes = false;
        for (String pattern : patterns) {
            String problem = problem(pattern);
            if (problem != null) {
                return problem;
            }
            includes |= !isExclusion(pattern);
        }
        return includes ? null : "event types need at least one pattern that is not an exclusion (\"*\", \"!events.*\")";
    }
}
