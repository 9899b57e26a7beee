package dev.evbus.cli;

import dev.evbus.busctl.EventPublisher;
import dev.evbus.busctl.NoBusException;
import dev.evbus.busctl.Publisher;
import dev.evbus.config.UnsafePathException;
import dev.evbus.protocol.EventRules;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.SocketPathTooLongException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code evbus publish}: send one event, or stream NDJSON events from stdin, to the app's running bus. */
final class PublishCommand implements Callable<Integer> {
    private static final int REJECTIONS_SHOWN = 100;
    private static final Duration SPOOL_FLUSH = Duration.ofSeconds(60);

    static final CommandDef DEF = new CommandDef("publish", "Publish one event, or NDJSON events from stdin, to the app's bus.",
            new ParamDef("TYPE", false, "The event type (not with --stdin)."),
            List.of(OptionDef.text("--id", "ID", "Event id; a repeated id within 5 minutes is delivered once."),
                    OptionDef.text("--data", "JSON", "The payload, one JSON value (default: {}).").withDefault("{}"),
                    OptionDef.text("--source-time", "MS", "Source time in ms since the epoch (default: now)."),
                    OptionDef.flag("--stdin", "Read NDJSON lines {\"event_type\",\"event_id\"?,\"source_time\"?,\"payload\"} from stdin."),
                    OptionDef.json("Print the totals as JSON on stdout."),
                    OptionDef.flag("--ack", "Exit only once the bus has stored the events (on disk when its log is durable)."),
                    OptionDef.flag("--spool", "With no bus running, write the events to the app's spool for the next bus.")),
            List.of(), PublishCommand::new);

    private final Main main;
    private final OptionValues parsed;

    private PublishCommand(Main main, OptionValues parsed) {
        this.main = main;
        this.parsed = parsed;
    }

    /** Where checked events go: a bus connection, or the spooling publisher. */
    private interface Sink {
        void publish(Message.Publish event) throws IOException;

        /**
         * Takes a line as it is when it already is a publish frame but for its type, which spares
         * decoding and re-encoding it; false, having taken nothing, when the line must be decoded.
         */
        default boolean publishLine(byte[] line, int offset, int length) throws IOException {
            return false;
        }

        default void flush() throws IOException {
        }
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        boolean stdin = parsed.get("--stdin");
        String type = parsed.parameter();
        if (stdin == (type != null)) {
            throw UserError.badInput("give either an event TYPE or --stdin");
        }
        Message.Publish single = stdin ? null : singleEvent(type);
        Path socket;
        try {
            socket = SocketAddresses.forApp(context.app());
        } catch (SocketPathTooLongException tooLong) {
            throw UserError.badInput(tooLong.getMessage());
        }
        Publisher publisher;
        try {
            publisher = Publisher.connect(socket);
        } catch (NoBusException none) {
            if (parsed.get("--spool")) {
                return publishToSpool(context, single);
            }
            throw UserError.badInput("no bus running for app " + JsonText.quote(context.appId())
                    + " (a bus starts with the first `evbus consume`; publishing needs one, or use --spool)");
        }
        long rejected;
        Message.PublishAck totals;
        try (publisher) {
            rejected = publishAll(context, single, new Sink() {
                @Override
                public void publish(Message.Publish e) throws IOException {
                    publisher.publish(e.eventType(), e.eventId(), e.sourceTime(), e.payload(), 0, e.payload().length);
                }

                @Override
                public boolean publishLine(byte[] line, int offset, int length) throws IOException {
                    return publisher.publishLine(line, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    publisher.flush();
                }
            });
            totals = publisher.finish(parsed.get("--ack"));
        } catch (IOException e) {
            throw UserError.failed("publishing failed: " + e.getMessage() + " (see " + context.app().logFile() + ")");
        }
        return report(context, totals.accepted(), totals.duplicates(), rejected + totals.rejected(), -1);
    }

    /** No bus answers: the events go through the spooling publisher, which still hands them to a bus that appears meanwhile. */
    private int publishToSpool(Context context, Message.Publish single) throws IOException {
        prepareSpool(context);
        EventPublisher.Stats stats;
        long rejected;
        try (EventPublisher publisher = EventPublisher.builder(context.home(), context.appId()).build()) {
            rejected = publishAll(context, single, e -> publisher.publish(e.eventType(), e.eventId(), e.sourceTime(), e.payload()));
            boolean flushed = publisher.flush(SPOOL_FLUSH);
            stats = publisher.stats();
            if (!flushed || stats.dropped() > 0) {
                String why = publisher.spoolFailure().map(failure -> "writing the spool failed: " + failure)
                        .orElse("the spool is full or " + context.app().spoolDir() + " is not writable");
                throw UserError.failed((stats.dropped() + stats.buffered()) + " event(s) could not be spooled (" + why + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.failed("interrupted while spooling");
        }
        return report(context, stats.sent(), 0, rejected, stats.spooled());
    }

    /**
     * Fails at once, in one line, when the spool cannot be written where it must be: else every
     * event would wait in memory for the full flush timeout before being reported lost.
     */
    private static void prepareSpool(Context context) {
        Path spool = context.app().spoolDir();
        try {
            context.app().ensureDirectory(spool);
        } catch (UnsafePathException refused) {
            throw UserError.badInput(refused.getMessage());
        } catch (IOException e) {
            throw UserError.failed("cannot create the spool " + spool + ": " + e.getMessage()
                    + " (EVBUS_HOME must name a directory this user can create and write)");
        }
    }

    private int report(Context context, long accepted, long duplicates, long rejected, long spooled) {
        boolean busAnswered = spooled < 0 || accepted > 0;
        String line = busAnswered ? "accepted=" + accepted + " duplicates=" + duplicates + " rejected=" + rejected : "";
        if (spooled >= 0) {
            line = (line.isEmpty() ? (rejected > 0 ? "rejected=" + rejected + " " : "") : line + " ") + "spooled=" + spooled;
        }
        context.err().println(line);
        if (parsed.get("--json")) {
            System.out.println("{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + ",\"rejected\":" + rejected
                    + (spooled >= 0 ? ",\"spooled\":" + spooled : "") + "}");
        }
        return rejected == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private Message.Publish singleEvent(String type) {
        String data = parsed.get("--data");
        String id = parsed.get("--id");
        String sourceTime = parsed.get("--source-time");
        byte[] payload;
        try {
            payload = PublishLine.oneJsonValue(data);
        } catch (PublishLine.Rejected bad) {
            throw UserError.badInput("--data is " + bad.getMessage()
                    + " (hint: quote it for the shell, e.g. --data '{\"n\":1}')");
        }
        String typeProblem = EventRules.typeProblem(type);
        if (typeProblem != null) {
            throw UserError.badInput("the event type " + JsonText.quote(type) + " " + typeProblem);
        }
        String idProblem = EventRules.idProblem(id);
        if (idProblem != null) {
            throw UserError.badInput("--id " + JsonText.quote(id) + " " + idProblem);
        }
        String timeProblem = EventRules.sourceTimeProblem(sourceTime);
        if (timeProblem != null) {
            throw UserError.badInput("--source-time " + timeProblem);
        }
        return new Message.Publish(type, id, sourceTime, payload, false);
    }

    private static long publishAll(Context context, Message.Publish single, Sink sink) throws IOException {
        if (single != null) {
            sink.publish(single);
            return 0;
        }
        return streamStdin(sink, context);
    }

    private static long streamStdin(Sink sink, Context context) throws IOException {
        FrameReader lines = new FrameReader(new FileInputStream(FileDescriptor.in));
        long rejected = 0;
        while (true) {
            try {
                if (!lines.hasBuffered()) {
                    sink.flush(); // input paused (tail -f, say): what we have goes out now
                }
                if (!lines.next()) {
                    return rejected;
                }
            } catch (FrameTooLargeException tooLong) {
                rejected = reject(context, rejected, lines.lineNumber(), "longer than " + FrameReader.MAX_FRAME + " bytes");
                continue;
            }
            if (sink.publishLine(lines.buffer(), lines.frameOffset(), lines.frameLength())) {
                continue;
            }
            long lineNumber = lines.lineNumber();
            try {
                sink.publish(PublishLine.parse(lines.buffer(), lines.frameOffset(), lines.frameLength()));
            } catch (PublishLine.Rejected bad) {
                rejected = reject(context, rejected, lineNumber, bad.getMessage());
            }
        }
    }

    private static long reject(Context context, long rejected, long lineNumber, String reason) {
        if (rejected < REJECTIONS_SHOWN) {
            context.err().println("evbus: line " + lineNumber + ": rejected: " + reason);
        } else if (rejected == REJECTIONS_SHOWN) {
            context.err().println("evbus: more lines rejected; only the totals follow");
        }
        return rejected + 1;
    }
}
