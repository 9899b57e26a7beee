package dev.evbus.bus.metrics;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes Prometheus's text exposition format, version 0.0.4: per family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, each family once and its samples together. Names are
 * checked as they are written (a wrong one is a defect of this bus, not of the input); label
 * values and help text are escaped, since label values (event types, keys) come from users.
 */
public final class Exposition {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder text = new StringBuilder(4096);
    private final Set<String> written = new HashSet<>();
    /** The family whose samples are being written; only its samples may follow. */
    private Family current;

    /** Starts a counter family; its name must end in {@code _total}. */
    public Family counter(String name, String help) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        return family(name, MetricType.COUNTER, help);
    }

    /** Starts a gauge family. */
    public Family gauge(String name, String help) {
        return family(name, MetricType.GAUGE, help);
    }

    private Family family(String name, MetricType type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (!written.add(name)) {
            throw new IllegalStateException("the family " + name + " is written twice");
        }
        text.append("# HELP ").append(name).append(' ');
        escape(help, false);
        text.append('\n').append("# TYPE ").append(name).append(' ').append(type.wireName()).append('\n');
        current = new Family(name);
        return current;
    }

    /** The text so far. */
    public String text() {
        return text.toString();
    }

    /** One family's samples. */
    public final class Family {
        private final String name;

        private Family(String name) {
            this.name = name;
        }

        /** One sample; {@code labels} are name, value pairs. Returns this family for the next sample. */
        public Family sample(double value, String... labels) {
            if (current != this) {
                throw new IllegalStateException("the samples of " + name + " must follow its TYPE line together");
            }
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name, value pairs: " + name);
            }
            text.append(name);
            for (int i = 0; i < labels.length; i += 2) {
                String label = labels[i];
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw new IllegalArgumentException("not a label name: " + label);
                }
                text.append(i == 0 ? '{' : ',').append(label).append("=\"");
                escape(labels[i + 1], true);
                text.append('"');
            }
            if (labels.length > 0) {
                text.append('}');
            }
            text.append(' ');
            number(value);
            text.append('\n');
            return this;
        }
    }

    /** Backslash and newline always; a double quote too in a label value. */
    private void escape(String value, boolean labelValue) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '"' -> text.append(labelValue ? "\\\"" : "\"");
                default -> text.append(c);
            }
        }
    }

    private void number(double value) {
        if (Double.isNaN(value)) {
            text.append("NaN");
        } else if (Double.isInfinite(value)) {
            text.append(value > 0 ? "+Inf" : "-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            text.append((long) value);
        } else {
            text.append(BigDecimal.valueOf(value).toPlainString()); // 1796636853.38, not 1.79663685338E9
        }
    }
}
