package dev.evbus.sources.http;

import com.sun.net.httpserver.HttpServer;
import dev.evbus.sources.Ingest;
import dev.evbus.sources.Monitoring;
import dev.evbus.sources.Source;
import dev.evbus.sources.SourceListener;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourceState;
import dev.evbus.sources.StreamStatistics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The HTTP ingestion source of SPEC §12 on the JDK's {@code HttpServer}. Each request runs on its
 * own virtual thread; a connection runs one request at a time, so running requests are bounded by
 * {@code max_connections}, which the server enforces at accept (see {@link ServerProperties} for
 * the JVM-wide server settings this sets and why). Started once, closed once.
 */
public final class HttpSource implements Source {
    static final String NAME = "http";
    /** How long {@link #close} lets running requests finish before the server drops them. */
    private static final int STOP_SECONDS = 2;

    private final HttpSourceConfig config;
    private final Ingest ingest;
    private final StreamStatistics statistics;
    private final SourceListener listener;
    private final Monitoring monitoring;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Counters counters = new Counters();
    /** Guarded by {@code this}: set by start, cleared by close. */
    private HttpServer server;
    /** Guarded by {@code this}: one virtual thread per request, as many as open connections at most. */
    private ExecutorService executor;
    /** Written under {@code this}, read by {@link #report} from any thread. */
    private volatile SourceState state = SourceState.CONNECTING;
    private volatile String address;
    private volatile String detail;

    public HttpSource(HttpSourceConfig config, Ingest ingest, StreamStatistics statistics, SourceListener listener,
            Monitoring monitoring, Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.monitoring = monitoring;
        this.ingest = ingest;
        this.statistics = statistics;
        this.listener = listener;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.address = config.configuredAddress();
    }

    /** With the system clocks; {@code monitoring} answers {@code /health} and {@code /metrics}. */
    public HttpSource(HttpSourceConfig config, Ingest ingest, StreamStatistics statistics, SourceListener listener,
            Monitoring monitoring) {
        // The machine's clocks: SourceFactory's context lends no monotonic reading yet (decision 0035).
        this(config, ingest, statistics, listener, monitoring, Clock.systemUTC(), System::nanoTime);
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null || state == SourceState.DISCONNECTED) {
            throw new IllegalStateException("the HTTP source starts once");
        }
        Duration readTimeout = ServerProperties.apply(config);
        InetSocketAddress wanted = config.listen().resolve();
        HttpServer created;
        try {
            // a backlog as deep as the connection limit: with the default of 50, a burst of connects
            // overflows it and the kernel drops SYNs, which clients retry only after a second
            created = HttpServer.create(wanted, config.maxConnections());
        } catch (IOException cannotListen) {
            state = SourceState.DISCONNECTED;
            detail = "cannot listen on " + config.configuredAddress() + ": " + cannotListen.getMessage();
            listener.changed(NAME, state, detail);
            throw new IOException(detail, cannotListen);
        }
        BodyReader bodies = new BodyReader(config.maxBody(), config.maxBuffered(), readTimeout);
        Ingestion ingestion = new Ingestion(ingest, statistics, config.filters(), counters, clock, nanoTime);
        created.createContext("/", new ApiHandler(config.token(), bodies, ingestion, statistics, counters,
                new MonitorRoutes(monitoring, clock, clock.instant()), nanoTime));
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("evbus-http-", 0).factory());
        created.setExecutor(executor);
        created.start();
        server = created;
        address = ListenAddress.format(created.getAddress());
        state = SourceState.CONNECTED;
        detail = "listening on http://" + address;
        listener.changed(NAME, state, detail);
    }

    /** The bound {@code host:port} once started (the real port when 0 was asked), else the configured one. */
    public String address() {
        return address;
    }

    @Override
    public SourceReport report() {
        return new SourceReport(NAME, NAME, address, state, counters.eventsIn(), counters.errors(), counters.lastEventAt(),
                detail);
    }

    @Override
    public synchronized void close() {
        if (state == SourceState.DISCONNECTED) {
            return;
        }
        state = SourceState.DISCONNECTED;
        detail = "stopped";
        if (server != null) {
            server.stop(STOP_SECONDS);
            // never interrupted: a request thread may be inside the bus's publish, where an
            // interrupt could close the log's file channel; with its connection closed, a request
            // still reading a body fails at once and one publishing ends by itself
            executor.shutdown();
            server = null;
        }
        listener.changed(NAME, state, detail);
    }
}
