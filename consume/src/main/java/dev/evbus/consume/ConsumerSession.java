package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.event.APIClient;
import dev.evbus.config.ApiClients;
import dev.evbus.config.AppPaths;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.Counters;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.protocol.ProtocolVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code evbus consume} from start to exit: validate everything, normalize, find or start the
 * bus, hello, preConsume if first, then shape and write events until something stops it; on the
 * way out ask the bus whether this was the subscription's last consumer and, if so, clean up.
 */
public final class ConsumerSession {
    private final ConsumeOptions options;
    private final PrintStream err;
    /** Times the start-up waits, cursor commits, batch windows and --until; names output files. */
    private final TimeSource clock = TimeSource.system();
    /** Main thread only: a retry while subscribing replaces it, so {@link Departure} gets it once accepted. */
    private BusConnection bus;

    private ConsumerSession(ConsumeOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    /** Runs the consume; returns the process exit code. */
    public static int run(ConsumeOptions options, PrintStream err) {
        ConsumerSession session = new ConsumerSession(options, err);
        try {
            return session.consume();
        } catch (ConsumeFailure failure) {
            err.println("evbus: " + failure.getMessage());
            return failure.exitCode();
        }
    }

    private int consume() throws ConsumeFailure {
        long started = clock.nanoTime();
        ConsumeChecks checks = new ConsumeChecks(options, clock);
        ConsumeChecks.Prepared prepared = checks.prepare();
        KeyDefinition key = prepared.key();
        Params normalized = prepared.normalized();
        APIClient api = prepared.api();
        AppPaths paths = prepared.paths();
        Path outputDir = prepared.outputDir();
        AuthType identity = prepared.identity();
        String subscriptionId = prepared.subscriptionId();
        Sink sink = outputDir == null ? new StdoutSink() : DirectorySink.open(outputDir, clock);
        if (options.batching()) {
            sink = new BatchingSink(sink, options.batchSize(),
                    options.batchWindow() == null ? 0 : options.batchWindow().toNanos(), clock);
        }
        // Compiled before we subscribe: a key file whose table is missing fails with nothing to undo.
        EventShaper shaper = new EventShaper(key, normalized, api, prepared.jq(), options.rawOutput(), sink, err,
                output -> checks.pipeline(prepared, output, err));
        Message.Hello hello = new Message.Hello(ProcessHandle.current().pid(), key.key(), prepared.routeTypes(),
                ProtocolVersion.CURRENT, subscriptionId, normalized.asMap(), identity.wireName(), key.bufferSize(),
                key.singleConsumer(), options.since(), options.durable())
                .withApiEnv(ApiClients.authEnv(options.home(), options.appId(), options.env()))
                .withCaughtUp(options.until() != null);
        Departure departure = new Departure(key.key(), subscriptionId);
        CursorCommits commits = new CursorCommits(options.durable() != null, departure::sendQuietly,
                () -> counts(shaper.pipelineCounters()), clock);
        // Signals are caught from here on, so one that arrives while we subscribe still ends us
        // through the bus (and its cleanup), never by the JVM's default exit.
        StopTriggers.onSignals(() -> departure.requestStop(StopReason.SIGNAL), err);
        Message.HelloAck ack = subscribe(paths, prepared.socket(), hello);
        departure.connected(bus);
        if (ack.missed() > 0) {
            err.println("[event] warning: missed " + ack.missed() + " event(s) (offset " + (ack.startOffset() - ack.missed())
                    + " to " + (ack.startOffset() - 1) + "): they fell off the bus's retention before this consumer read them");
        }
        try {
            if (ack.firstForKey()) {
                setUp(key, api, normalized, departure);
            }
            if (departure.subscribed()) {
                if (!options.quiet()) {
                    err.println("[event] ready event_key=" + key.key());
                }
                installStopTriggers(departure);
            }
            boolean last = new FrameLoop(bus, key, options, shaper, departure, commits, err, clock).run(paths.logFile());
            if (last) {
                try {
                    key.cleanup().run(api, normalized);
                } catch (Exception e) {
                    err.println("[event] warning: cleanup of key " + key.key() + " failed: " + e.getMessage());
                }
            }
            if (departure.reason() != StopReason.BUS_LOST) {
                departure.sendQuietly(new Message.Bye());
            }
        } finally {
            bus.close();
            shaper.closePipeline();
            try {
                sink.close();
            } catch (IOException closedStdout) {
                // nothing left to tell a reader that went away
            }
        }
        StopReason reason = departure.reason();
        if (!options.quiet()) {
            err.println(ExitedLine.of(sink.delivered(), Duration.ofNanos(clock.nanoTime() - started), reason,
                    shaper.pipelineCounters()));
        }
        return reason.clean() ? 0 : 1;
    }

    /** A pipeline's totals for the bus (status, metrics), or null for a key without one. */
    private static StatusParts.PipelineCounts counts(Counters counters) {
        return counters == null ? null
                : new StatusParts.PipelineCounts(counters.in(), counters.filtered(), counters.failed(), counters.deadLettered());
    }

    private Message.HelloAck subscribe(AppPaths paths, Path socket, Message.Hello hello) throws ConsumeFailure {
        IOException lastFailure = null;
        // A bus that just went idle may close right after we dialled it: one retry starts a fresh one.
        for (int attempt = 0; attempt < 2; attempt++) {
            bus = BusStarter.connect(paths, socket, options.busCommand(), clock);
            try {
                bus.send(hello);
                while (true) {
                    Message reply = bus.receive();
                    if (reply instanceof Message.HelloAck ack) {
                        if (ack.rejected()) {
                            bus.close();
                            throw ConsumeFailure.badInput(refusal(ack.rejectReason()));
                        }
                        String incompatible = ProtocolVersion.incompatibility(ack.busVersion(), ProtocolVersion.CURRENT);
                        if (incompatible != null) {
                            leaveIncompatibleBus(ack);
                            throw ConsumeFailure.badInput(incompatible + "; stop the bus" + busPid(paths)
                                    + " with `evbus stop --app-id " + paths.appId() + "` (add --force if consumers"
                                    + " are attached to it) and run this again");
                        }
                        return ack;
                    }
                    if (reply instanceof Message.Error error) {
                        throw new IOException(error.message());
                    }
                }
            } catch (IOException e) {
                lastFailure = e;
                bus.close();
            }
        }
        throw ConsumeFailure.failed("the bus closed the connection before accepting this consumer: "
                + lastFailure.getMessage() + " (see " + paths.logFile() + ")");
    }

    /** The error a consume ends with when the bus refuses its hello for {@code reason}. */
    static String refusal(String reason) {
        return "the bus refused this consumer: " + reason;
    }

    /** Leaves a bus this client cannot talk to without running anything: no setup, no cleanup owed. */
    private void leaveIncompatibleBus(Message.HelloAck ack) {
        try {
            if (ack.firstForKey()) {
                bus.send(new Message.SetupDone(false));
            }
            bus.send(new Message.Bye());
        } catch (IOException gone) {
            // closing anyway
        }
        bus.close();
    }

    private static String busPid(AppPaths paths) {
        return PidFile.read(paths.pidFile()).map(file -> " (pid " + file.pid() + ")").orElse("");
    }

    /**
     * Runs the key's preConsume for the subscription's first consumer and tells the bus how it went;
     * a stop that came while subscribing skips the hook but still gives the bus its answer.
     */
    private void setUp(KeyDefinition key, APIClient api, Params normalized, Departure departure) throws ConsumeFailure {
        if (departure.stopping()) {
            departure.sendQuietly(new Message.SetupDone(false));
            return;
        }
        try {
            key.preConsume().run(api, normalized);
            bus.send(new Message.SetupDone(true));
        } catch (IOException lost) {
            throw ConsumeFailure.failed("lost the bus during preConsume: " + lost.getMessage());
        } catch (Exception e) {
            err.println("evbus: key " + key.key() + ": preConsume failed: " + e.getMessage());
            departure.sendQuietly(new Message.SetupDone(false));
            departure.requestStop(StopReason.SETUP_FAILED);
        }
    }

    private void installStopTriggers(Departure departure) {
        if (options.timeout() != null) {
            StopTriggers.after(options.timeout(), () -> departure.requestStop(StopReason.TIMEOUT));
        }
        if (options.maxEvents() == 0 && options.timeout() == null) {
            StopTriggers.onStdinEof(() -> departure.requestStop(StopReason.STDIN_CLOSED));
        }
    }
}
