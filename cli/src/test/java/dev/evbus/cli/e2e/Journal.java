package dev.evbus.cli.e2e;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The journal file the test plugin's hooks append to, read back as entries in the order they were written. */
record Journal(Path file) {
    private static final Pattern LINE = Pattern.compile("(\\S+) room=(\\S*) pid=(\\d+)");

    /** One hook run: which hook, for which room, in which process. */
    record Entry(String hook, String room, long pid) {
    }

    List<Entry> entries() {
        return Evbus.readLines(file).stream().map(Journal::parse).toList();
    }

    List<Entry> entries(String hook) {
        return entries().stream().filter(entry -> entry.hook().equals(hook)).toList();
    }

    List<Entry> entries(String hook, String room) {
        return entries(hook).stream().filter(entry -> entry.room().equals(room)).toList();
    }

    /** Waits until {@code count} lines of {@code hook} are journaled for the room. */
    void await(String hook, String room, int count) {
        Poll.until(Poll.PATIENCE, count + " \"" + hook + "\" line(s) for room " + room,
                () -> entries(hook, room).size() >= count, this::toString);
    }

    private static Entry parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("malformed journal line: " + line);
        }
        return new Entry(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3)));
    }

    @Override
    public String toString() {
        return "journal " + file + ":\n" + String.join("\n", Evbus.readLines(file));
    }
}
