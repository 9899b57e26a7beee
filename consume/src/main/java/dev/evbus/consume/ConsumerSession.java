package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiClients;
import dev.evbus.event.AppPaths;
import dev.evbus.event.AuthType;
import dev.evbus.event.EventTypePattern;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.ParamBinder;
import dev.evbus.event.ParamException;
import dev.evbus.event.Params;
import dev.evbus.event.SubscriptionId;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.SocketPathTooLongException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code evbus consume} from start to exit: validate everything, normalize, find or start the
 * bus, hello, preConsume if first, then shape and write events until something stops it; on the
 * way out ask the bus whether this was the subscription's last consumer and, if so, clean up.
 */
public final class ConsumerSession {
    private static final Duration ACK_PATIENCE = Duration.ofSeconds(5);

    private final ConsumeOptions options;
    private final PrintStream err;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicLong outputEvents = new AtomicLong();
    private BusConnection bus;
    private KeyDefinition key;
    private String subscriptionId;
    /** Closes the connection if the bus never answers our leave request; cancelled by the answer. */
    private volatile Thread stopDeadline;
    /** Set once hello (and preConsume, if ours) is done: from then on a stop asks the bus to leave. */
    private volatile boolean subscribed;
    private final java.util.concurrent.atomic.AtomicBoolean leaving = new java.util.concurrent.atomic.AtomicBoolean();
    private CursorCommits commits;

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
        long started = System.nanoTime();
        key = KeyRegistry.find(options.key()).orElseThrow(() -> ConsumeFailure.badInput(
                "unknown event key " + JsonText.quote(options.key()) + " (run `evbus list` to see the keys)"));
        Params params;
        try {
            params = ParamBinder.bind(key, options.params());
        } catch (ParamException bad) {
            throw ConsumeFailure.badInput(bad.getMessage());
        }
        JqFilter jq = options.jq() == null ? null : JqFilter.compile(options.jq());
        AuthType identity = resolveIdentity(key, options.as());
        if (options.maxEvents() < 0) {
            throw ConsumeFailure.badInput("--max-events must not be negative");
        }
        Path outputDir = options.outputDir() == null ? null : DirectorySink.validate(options.outputDir());
        AppPaths paths = options.home().app(options.appId());
        Path socket;
        try {
            socket = SocketAddresses.forApp(paths);
        } catch (SocketPathTooLongException tooLong) {
            throw ConsumeFailure.badInput(tooLong.getMessage());
        }
        APIClient api = ApiClients.forApp(options.home(), options.appId(), identity, options.env());
        try {
            key.normalize().normalize(api, params);
        } catch (IllegalArgumentException bad) {
            throw ConsumeFailure.badInput(bad.getMessage());
        } catch (Exception e) {
            throw ConsumeFailure.failed("key " + key.key() + ": normalize failed: " + e.getMessage());
        }
        Params normalized = params.freeze();
        List<String> routeTypes = key.routeTypes(normalized);
        for (String type : routeTypes) {
            String problem = EventTypePattern.problem(type);
            if (problem != null) {
                throw ConsumeFailure.badInput(problem);
            }
        }
        subscriptionId = SubscriptionId.of(key, normalized);
        Sink sink = outputDir == null ? new StdoutSink() : DirectorySink.open(outputDir);
        Message.Hello hello = new Message.Hello(ProcessHandle.current().pid(), key.key(), routeTypes,
                ProtocolVersion.CURRENT, subscriptionId, normalized.asMap(), identity.wireName(), key.bufferSize(),
                key.singleConsumer(), options.since(), options.durable());
        commits = new CursorCommits(options.durable() != null, this::sendQuietly);
        // Signals are caught from here on, so one that arrives while we subscribe still ends us
        // through the bus (and its cleanup), never by the JVM's default exit.
        StopTriggers.onSignals(() -> requestStop(StopReason.SIGNAL));
        Message.HelloAck ack = subscribe(paths, socket, hello);
        if (ack.missed() > 0) {
            err.println("[event] warning: missed " + ack.missed() + " event(s) (offset " + (ack.startOffset() - ack.missed())
                    + " to " + (ack.startOffset() - 1) + "): they fell off the bus's retention before this consumer read them");
        }
        try {
            if (ack.firstForKey() && stopReason.get() != null) {
                sendQuietly(new Message.SetupDone(false));
            } else if (ack.firstForKey()) {
                try {
                    key.preConsume().run(api, normalized);
                    bus.send(new Message.SetupDone(true));
                } catch (IOException lost) {
                    throw ConsumeFailure.failed("lost the bus during preConsume: " + lost.getMessage());
                } catch (Exception e) {
                    err.println("evbus: key " + key.key() + ": preConsume failed: " + e.getMessage());
                    sendQuietly(new Message.SetupDone(false));
                    requestStop(StopReason.SETUP_FAILED);
                }
            }
            subscribed = true;
            if (stopReason.get() != null) {
                leave();
            } else {
                if (!options.quiet()) {
                    err.println("[event] ready event_key=" + key.key());
                }
                installStopTriggers();
            }
            EventShaper shaper = new EventShaper(key, normalized, api, jq, sink, err);
            boolean last = receive(shaper, paths);
            if (last) {
                try {
                    key.cleanup().run(api, normalized);
                } catch (Exception e) {
                    err.println("[event] warning: cleanup of key " + key.key() + " failed: " + e.getMessage());
                }
            }
            if (stopReason.get() != StopReason.BUS_LOST) {
                sendQuietly(new Message.Bye());
            }
        } finally {
            bus.close();
            try {
                sink.close();
            } catch (IOException closedStdout) {
                // nothing left to tell a reader that went away
            }
        }
        StopReason reason = stopReason.get();
        if (!options.quiet()) {
            err.println("[event] exited — received " + sink.delivered() + " event(s) in "
                    + formatDuration(Duration.ofNanos(System.nanoTime() - started)) + " (reason: " + reason.label() + ")");
        }
        return reason.clean() ? 0 : 1;
    }

    private Message.HelloAck subscribe(AppPaths paths, Path socket, Message.Hello hello) throws ConsumeFailure {
        IOException lastFailure = null;
        // A bus that just went idle may close right after we dialled it: one retry starts a fresh one.
        for (int attempt = 0; attempt < 2; attempt++) {
            bus = BusStarter.connect(paths, socket, options.busCommand());
            try {
                bus.send(hello);
                while (true) {
                    Message reply = bus.receive();
                    if (reply instanceof Message.HelloAck ack) {
                        if (ack.rejected()) {
                            bus.close();
                            throw ConsumeFailure.badInput("the bus refused this consumer: " + ack.rejectReason());
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

    /** Reads frames until the bus answers our leave request or goes away; true when we are the last. */
    private boolean receive(EventShaper shaper, AppPaths paths) {
        ByteSink scratch = new ByteSink(4096);
        WorkerPool pool = key.workers() > 1 ? new WorkerPool(key.workers(), shaper) : null;
        boolean passThrough = options.jq() == null && !key.filters() && key.process().isEmpty();
        long expectedSeq = 1;
        String busMessage = null;
        try {
            while (true) {
                Message message;
                try {
                    if (!bus.reader().hasReadAhead()) {
                        flush(shaper, pool);
                    }
                    bus.advance();
                    if (passThrough && stopReason.get() == null) {
                        FrameReader frame = bus.reader();
                        long seq = PassThrough.seqOf(frame.buffer(), frame.frameOffset(), frame.frameLength());
                        if (seq > 0) {
                            expectedSeq = checkSeq(seq, expectedSeq);
                            long offset = options.durable() == null ? 0
                                    : PassThrough.offsetOf(frame.buffer(), frame.frameOffset(), frame.frameLength());
                            int start = PassThrough.outputStart(frame.buffer(), frame.frameOffset());
                            deliverRaw(shaper, frame.buffer(), start, frame.frameOffset() + frame.frameLength() - start);
                            commits.delivered(offset);
                            continue;
                        }
                    }
                    message = bus.decodeCurrent();
                } catch (IOException gone) {
                    if (stopReason.get() == null || busMessage != null) {
                        lost(busMessage, paths);
                    }
                    return false;
                }
                switch (message) {
                    case Message.Event event -> {
                        if (stopReason.get() != null) {
                            continue;
                        }
                        expectedSeq = checkSeq(event.seq(), expectedSeq);
                        if (pool != null) {
                            pool.submit(event);
                        } else {
                            deliver(shaper, event, scratch);
                            commits.delivered(event.offset());
                        }
                    }
                    case Message.PreShutdownAck ack -> {
                        Thread deadline = stopDeadline;
                        if (deadline != null) {
                            deadline.interrupt();
                        }
                        if (pool != null) {
                            pool.finish();
                        }
                        flush(shaper, null);
                        commits.flushed(true);
                        return ack.lastForKey();
                    }
                    case Message.Error error -> busMessage = error.message();
                    case Message.SourceStatus status -> {
                        if (!options.quiet()) {
                            err.println("[event] source " + JsonText.quote(status.source()) + " " + status.state()
                                    + (status.detail() == null ? "" : ": " + status.detail()));
                        }
                    }
                    default -> { }
                }
            }
        } finally {
            if (pool != null) {
                pool.finish();
            }
        }
    }

    /** Warns about the events a gap in seq says the bus dropped; returns the next expected seq. */
    private long checkSeq(long seq, long expected) {
        if (seq > expected) {
            err.println("[event] warning: missed " + (seq - expected) + " event(s) (seq " + expected + " to "
                    + (seq - 1) + "): the bus dropped them because this consumer fell behind");
        }
        return seq + 1;
    }

    private void deliverRaw(EventShaper shaper, byte[] line, int offset, int length) {
        try {
            shaper.writeLine(line, offset, length);
            countOutput();
        } catch (IOException closed) {
            requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    private void lost(String busMessage, AppPaths paths) {
        stopReason.set(StopReason.BUS_LOST);
        err.println("evbus: lost the connection to the bus" + (busMessage == null ? " (it exited)" : " (" + busMessage + ")")
                + "; see " + paths.logFile());
    }

    private void deliver(EventShaper shaper, Message.Event event, ByteSink scratch) {
        try {
            if (shaper.shape(event, scratch)) {
                countOutput();
            }
        } catch (IOException closed) {
            requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    private void countOutput() {
        long count = outputEvents.incrementAndGet();
        if (options.maxEvents() > 0 && count >= options.maxEvents()) {
            requestStop(StopReason.LIMIT);
        }
    }

    private void flush(EventShaper shaper, WorkerPool pool) {
        if (pool != null && !pool.idle()) {
            return;
        }
        try {
            shaper.flush();
            commits.flushed(false);
        } catch (IOException closed) {
            requestStop(StopReason.STDOUT_CLOSED);
        }
    }

    /** The first reason wins; asking the bus to let us go wakes the reader with its answer. */
    private void requestStop(StopReason reason) {
        if (stopReason.compareAndSet(null, reason) && subscribed) {
            leave();
        }
    }

    /** Tells the bus we are leaving, once; its answer wakes the reader. */
    private void leave() {
        if (!leaving.compareAndSet(false, true)) {
            return;
        }
        sendQuietly(new Message.PreShutdownCheck(key.key(), subscriptionId));
        stopDeadline = Thread.ofVirtual().name("evbus-stop-deadline").start(() -> {
            try {
                Thread.sleep(ACK_PATIENCE);
            } catch (InterruptedException e) {
                return;
            }
            bus.close(); // the bus did not answer in time: leave without it
        });
    }

    private void sendQuietly(Message message) {
        synchronized (this) {
            try {
                bus.send(message);
            } catch (IOException gone) {
                // the reader sees the closed connection and reports it
            }
        }
    }

    private void installStopTriggers() {
        if (options.timeout() != null) {
            StopTriggers.after(options.timeout(), () -> requestStop(StopReason.TIMEOUT));
        }
        if (options.maxEvents() == 0 && options.timeout() == null) {
            StopTriggers.onStdinEof(() -> requestStop(StopReason.STDIN_CLOSED));
        }
    }

    private static AuthType resolveIdentity(KeyDefinition key, String as) throws ConsumeFailure {
        String wanted = as == null ? "auto" : as;
        if (wanted.equals("auto")) {
            return key.authTypes().isEmpty() ? AuthType.USER : key.authTypes().get(0);
        }
        AuthType type;
        try {
            type = AuthType.parse(wanted);
        } catch (IllegalArgumentException bad) {
            throw ConsumeFailure.badInput("--as must be user, bot or auto, not " + JsonText.quote(wanted));
        }
        if (!key.authTypes().isEmpty() && !key.authTypes().contains(type)) {
            throw ConsumeFailure.badInput("key " + key.key() + " does not accept --as " + wanted + " (it accepts "
                    + key.authTypes().stream().map(AuthType::wireName).toList() + ")");
        }
        return type;
    }

    static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds / 3600 > 0
                ? String.format(java.util.Locale.ROOT, "%dh%dm%ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(java.util.Locale.ROOT, "%dm%ds", seconds / 60, seconds % 60);
    }

    /** Runs the shaper on several threads for keys that declare {@code workers > 1}; output order is then not kept. */
    private final class WorkerPool {
        private final BlockingQueue<Message.Event> work;
        private final Thread[] threads;
        private final EventShaper shaper;
        private final AtomicLong inFlight = new AtomicLong();
        private final Message.Event poison = new Message.Event("", null, "0", 0, 0, new byte[0]);
        private boolean finished;

        WorkerPool(int workers, EventShaper shaper) {
            this.shaper = shaper;
            this.work = new ArrayBlockingQueue<>(workers * 4);
            this.threads = new Thread[workers];
            for (int i = 0; i < workers; i++) {
                threads[i] = Thread.ofVirtual().name("evbus-worker-" + i).start(this::work);
            }
        }

        void submit(Message.Event event) {
            inFlight.incrementAndGet();
            try {
                work.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean idle() {
            return inFlight.get() == 0;
        }

        private void work() {
            ByteSink scratch = new ByteSink(4096);
            try {
                while (true) {
                    Message.Event event = work.take();
                    if (event == poison) {
                        return;
                    }
                    if (stopReason.get() == null) {
                        deliver(shaper, event, scratch);
                        commits.delivered(event.offset());
                    }
                    if (inFlight.decrementAndGet() == 0) {
                        flush(shaper, null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            for (int i = 0; i < threads.length; i++) {
                try {
                    work.put(poison);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
