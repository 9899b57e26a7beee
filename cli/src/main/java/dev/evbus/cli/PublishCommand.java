package dev.evbus.cli;

import dev.evbus.busctl.NoBusException;
import dev.evbus.busctl.Publisher;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.SocketPathTooLongException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code evbus publish}: send one event, or stream NDJSON events from stdin, to the app's running bus. */
@Command(name = "publish", description = "Publish one event, or NDJSON events from stdin, to the app's bus.")
final class PublishCommand implements Callable<Integer> {
    private static final int REJECTIONS_SHOWN = 100;

    @ParentCommand
    Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", description = "The event type (not with --stdin).")
    String type;

    @Option(names = "--id", paramLabel = "ID", description = "Event id; a repeated id within 5 minutes is delivered once.")
    String id;

    @Option(names = "--data", paramLabel = "JSON", defaultValue = "{}", description = "The payload (default: {}).")
    String data;

    @Option(names = "--source-time", paramLabel = "MS", description = "Source time in ms since the epoch (default: now).")
    String sourceTime;

    @Option(names = "--stdin", description = "Read NDJSON lines {\"event_type\",\"event_id\"?,\"source_time\"?,\"payload\"} from stdin.")
    boolean stdin;

    @Option(names = "--json", description = "Print the totals as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        if (stdin == (type != null)) {
            throw UserError.badInput("give either an event TYPE or --stdin");
        }
        Message.Publish single = null;
        if (!stdin) {
            byte[] line = ("{\"event_type\":" + JsonText.quote(type) + ",\"payload\":" + data + "}")
                    .getBytes(StandardCharsets.UTF_8);
            try {
                single = PublishLine.parse(line, 0, line.length);
            } catch (PublishLine.Rejected bad) {
                throw UserError.badInput("--data is " + bad.getMessage()
                        + " (hint: quote it for the shell, e.g. --data '{\"n\":1}')");
            }
            if (sourceTime != null && !sourceTime.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw UserError.badInput("--source-time must be milliseconds since the epoch");
            }
        }
        Path socket;
        try {
            socket = SocketAddresses.forApp(context.app());
        } catch (SocketPathTooLongException tooLong) {
            throw UserError.badInput(tooLong.getMessage());
        }
        long rejected = 0;
        Message.PublishAck ack;
        try (Publisher publisher = Publisher.connect(socket)) {
            if (single != null) {
                publisher.publish(single.eventType(), id, sourceTime, single.payload(), 0, single.payload().length);
            } else {
                rejected = streamStdin(publisher, context);
            }
            ack = publisher.finish();
        } catch (NoBusException none) {
            throw UserError.badInput("no bus running for app " + JsonText.quote(context.appId())
                    + " (a bus starts with the first `evbus consume`; publishing needs one)");
        } catch (IOException e) {
            throw UserError.failed("publishing failed: " + e.getMessage() + " (see " + context.app().logFile() + ")");
        }
        long totalRejected = rejected + ack.rejected();
        context.err().println("accepted=" + ack.accepted() + " duplicates=" + ack.duplicates() + " rejected=" + totalRejected);
        if (json) {
            System.out.println("{\"accepted\":" + ack.accepted() + ",\"duplicates\":" + ack.duplicates()
                    + ",\"rejected\":" + totalRejected + "}");
        }
        return totalRejected == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static long streamStdin(Publisher publisher, Context context) throws IOException {
        FrameReader lines = new FrameReader(new FileInputStream(FileDescriptor.in));
        long rejected = 0;
        while (true) {
            try {
                if (!lines.hasBuffered()) {
                    publisher.flush(); // input paused (tail -f, say): what we have goes out now
                }
                if (!lines.next()) {
                    return rejected;
                }
            } catch (FrameTooLargeException tooLong) {
                rejected = reject(context, rejected, lines.lineNumber(), "longer than " + FrameReader.MAX_FRAME + " bytes");
                continue;
            }
            long lineNumber = lines.lineNumber();
            try {
                Message.Publish line = PublishLine.parse(lines.buffer(), lines.frameOffset(), lines.frameLength());
                publisher.publish(line.eventType(), line.eventId(), line.sourceTime(), line.payload(), 0,
                        line.payload().length);
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
