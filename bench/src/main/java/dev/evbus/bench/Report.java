package dev.evbus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table, in the order things were measured, and the notes that qualify the numbers. */
final class Report {
    /** One line of the table; target and verdict stay empty where the spec sets no target. */
    record Row(String metric, String value, String target, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void measured(String metric, String value) {
        add(new Row(metric, value, "", ""));
    }

    synchronized void checked(String metric, String value, String target, boolean met) {
        add(new Row(metric, value, target, met ? "yes" : "**no**"));
    }

    synchronized void failed(String section, Throwable cause) {
        add(new Row(section, "**failed**: " + cause, "", ""));
    }

    synchronized void note(String note) {
        notes.add(note);
        System.err.println("bench: " + note);
    }

    private void add(Row row) {
        rows.add(row);
        System.err.println("bench: " + row.metric() + ": " + row.value());
    }

    synchronized String toMarkdown(Machine machine, String command, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("# evbus benchmark\n\n");
        out.append("Command: `").append(command).append("` (took ").append(took.toSeconds()).append(" s)\n\n");
        out.append(machine.toMarkdown()).append("\n\n");
        out.append("| metric | value | target | meets target |\n| --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ").append(cell(row.metric())).append(" | ").append(cell(row.value())).append(" | ")
                    .append(cell(row.target())).append(" | ").append(row.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String rate(double eventsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f events/s", eventsPerSecond);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String ratio(double value, double ceiling) {
        return String.format(Locale.ROOT, "%.1f %% of ceiling", value * 100 / ceiling);
    }

    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", whole == 0 ? 0.0 : part * 100.0 / whole);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
    }

    static String micros2(double nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%,.0f µs", nanos / 1e3);
    }
}
