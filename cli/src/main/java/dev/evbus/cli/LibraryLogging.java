package dev.evbus.cli;

import dev.evbus.config.InstantText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Where libraries' logging goes: the JDK's and every library's {@code java.util.logging} and
 * {@code System.Logger} (which the JDK routes into the former), e.g. the spooling publisher's or
 * Caffeine's. Never to a terminal in their two-line format: warnings and worse become evbus's own
 * one-line format on stderr, {@code evbus: warning: ...} from a command, and a {@code bus.log}
 * line ({@code <time> WARN ...}) from a bus, whose stderr is its log; the rest is dropped.
 *
 * <p>Nothing is set up eagerly: initialising {@code java.util.logging} costs some 13 ms, so
 * {@link #route} only names {@link Config} in the system property the JDK reads if and when the
 * first logger is asked for. A command that logs nothing pays two property writes.
 */
public final class LibraryLogging {
    static final String CONFIG_CLASS = "java.util.logging.config.class";
    /** Which format {@link LineHandler} writes: {@code cli} or {@code bus}. */
    static final String ROLE = "evbus.logging.role";
    /** {@link Config}'s name as text: naming the class would load it in every command. */
    static final String CONFIG_NAME = "dev.evbus.cli.LibraryLogging$Config";

    private LibraryLogging() {
    }

    /** At the very start of {@code main}, before any library can log; an explicit configuration by the user wins. */
    static void route(String role) {
        if (System.getProperty(CONFIG_CLASS) == null && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(ROLE, role);
            System.setProperty(CONFIG_CLASS, CONFIG_NAME);
        }
    }

    /**
     * Instantiated by the JDK's {@link LogManager} when it first initialises: one handler, warnings
     * and worse. A command reports what the publisher it drives ({@code dev.evbus.busctl}) logs in
     * its own final line, so there those records would only say it twice.
     */
    public static final class Config {
        public Config() throws IOException {
            String properties = "handlers=" + LineHandler.class.getName() + "\n.level=WARNING\n"
                    + ("bus".equals(System.getProperty(ROLE)) ? "" : "dev.evbus.busctl.level=OFF\n");
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Writes each record as one line on stderr, without a stack trace; the JDK creates it from {@link Config}'s properties. */
    public static final class LineHandler extends Handler {
        private final boolean bus;
        private final Formatter messages = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        /** As the JDK creates it, for the role {@link #route} named. */
        public LineHandler() {
            this("bus".equals(System.getProperty(ROLE)));
        }

        LineHandler(boolean bus) {
            this.bus = bus;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.WARNING.intValue()) {
                return;
            }
            System.err.println(line(record));
            System.err.flush();
        }

        String line(LogRecord record) {
            String message = messages.format(record);
            if (record.getThrown() != null) {
                message += ": " + record.getThrown();
            }
            message = message.replaceAll("\\p{Cntrl}", " ");
            boolean severe = record.getLevel().intValue() >= Level.SEVERE.intValue();
            if (bus) {
                // the machine's wall time: a log line says when it was written (decision 0035)
                return InstantText.format(Instant.now()) + (severe ? " ERROR " : " WARN ") + message
                        + " (from " + record.getLoggerName() + ")";
            }
            return "evbus: " + (severe ? "error: " : "warning: ") + message;
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
        }
    }
}
