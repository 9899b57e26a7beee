package dev.evbus.bus;

import dev.evbus.busdiscover.FileLocks;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.served.ServedPipelines;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.config.PluginLoader;
import dev.evbus.keyfiles.KeyFiles;
import dev.evbus.config.Retention;
import dev.evbus.config.UnsafePathException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.AddressInUseException;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.UnixSockets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One app's bus process from start to exit: take the alive lock (the proof of life), write the
 * PID file, bind the socket, serve until idle, told to stop, or signalled, then tidy up.
 */
public final class BusDaemon {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(2);
    /** Room for a crowd of consumers dialling at once (the kernel caps it at net.core.somaxconn). */
    private static final int LISTEN_BACKLOG = 1024;

    /**
     * How a bus is started: where, for which app, how long it may sit idle. {@code serve} is
     * {@code evbus serve}: no idle exit, every log line on stderr too, a bus already running is an
     * error (exit 1, naming its pid), and so is a bus none of whose configured sources could start.
     */
    public record Options(Home home, String appId, Duration idleTimeout, Map<String, String> env, boolean serve,
                          ServedPipelines.Launcher pipelines) {
        /** A bus that cannot start pipeline processes (it logs why when the config names some). */
        public Options(Home home, String appId, Duration idleTimeout, Map<String, String> env, boolean serve) {
            this(home, appId, idleTimeout, env, serve, null);
        }

        /** A bus started for consumers (the {@code _bus} path). */
        public Options(Home home, String appId, Duration idleTimeout, Map<String, String> env) {
            this(home, appId, idleTimeout, env, false);
        }
    }

    private final BusSignals signals = new BusSignals();

    private BusDaemon() {
    }

    /**
     * What {@link #runUnlessRunning} returns when another bus holds the app's lock: not an exit
     * code (those are never negative), but the cue for {@code serve} to adopt that bus.
     */
    public static final int ANOTHER_BUS = -1;

    /** Runs a bus in this process; returns the exit code. {@code errors} gets the one line a failed start prints. */
    public static int run(Options options, PrintStream errors) {
        return new BusDaemon().serve(options, errors, false);
    }

    /** As {@link #run}, but returns {@link #ANOTHER_BUS} when another bus is running, for serve to adopt. */
    public static int runUnlessRunning(Options options, PrintStream errors) {
        return new BusDaemon().serve(options, errors, true);
    }

    private int serve(Options options, PrintStream errors, boolean adoptable) {
        AppPaths paths = options.home().app(options.appId());
        Optional<FileLocks.Held> alive;
        try {
            paths.ensureDirectory();
            // A consumer's bus tries once: its consumer forked it because the lock was free, so a
            // holder now is a bus that won the race (serve's, say), and waiting would only start a
            // second bus the moment that one stops. The consumer then finds the winner.
            alive = FileLocks.tryAcquire(paths.aliveLock(), options.serve() ? LOCK_PATIENCE : Duration.ZERO);
        } catch (UnsafePathException refused) {
            errors.println("evbus: " + refused.getMessage());
            return 2;
        } catch (IOException e) {
            errors.println("evbus: cannot prepare " + paths.dir() + ": " + e.getMessage());
            return 1;
        }
        if (alive.isEmpty()) {
            if (adoptable) {
                return ANOTHER_BUS;
            }
            if (options.serve()) {
                errors.println(alreadyRunning(options, paths));
                return 1;
            }
            return 0; // another bus lives; the caller will find it
        }
        try (FileLocks.Held lock = alive.get(); BusLog log = BusLog.open(paths)) {
            return serveLocked(options, paths, log, errors, adoptable);
        } catch (UnsafePathException refused) {
            errors.println("evbus: bus for app " + JsonText.quote(options.appId()) + ": " + refused.getMessage());
            return 2;
        } catch (IOException e) {
            errors.println("evbus: bus for app " + JsonText.quote(options.appId()) + " failed: " + e.getMessage());
            return 1;
        }
    }

    private int serveLocked(Options options, AppPaths paths, BusLog log, PrintStream errors, boolean adoptable)
            throws IOException {
        signals.install(log);
        Instant startedAt = Instant.now();
        long pid = ProcessHandle.current().pid();
        BusSettings settings;
        ConfigSnapshot snapshot;
        try {
            settings = BusSettings.load(options.home(), options.appId(), options.env());
            snapshot = ConfigSnapshot.read(options.home().appConfig(options.appId()));
        } catch (IOException bad) {
            log.warn("not starting: " + bad.getMessage());
            errors.println("evbus: " + bad.getMessage());
            return 2;
        }
        Retention retention = settings.retention();
        if (retention.durable()) {
            try {
                paths.ensureDirectory(paths.logDir()); // refused before the socket exists, so no consumer attaches first
            } catch (UnsafePathException refused) {
                log.warn("not starting: " + refused.getMessage());
                errors.println("evbus: " + refused.getMessage());
                return 2;
            }
        }
        PluginLoader.Result plugins = PluginLoader.loadAll(options.home(), options.env());
        plugins.warnings().forEach(warning -> log.warn(warning));
        // after the plugins, as the CLI does, so both agree on which definition a key name has
        KeyFiles.loadForHooks(options.home(), options.env()).warnings().forEach(log::warn);
        Path socketPath;
        ServerSocketChannel server;
        try {
            socketPath = SocketAddresses.forApp(paths);
            server = UnixSockets.listenChannel(socketPath, LISTEN_BACKLOG);
        } catch (AddressInUseException live) {
            log.warn("not starting: " + live.getMessage());
            if (adoptable) {
                return ANOTHER_BUS;
            }
            if (options.serve()) {
                errors.println(alreadyRunning(options, paths));
                return 1;
            }
            return 0;
        } catch (IOException e) {
            log.warn("cannot listen: " + JsonText.quote(e.getMessage()));
            errors.println("evbus: bus for app " + JsonText.quote(options.appId()) + " cannot listen: " + e.getMessage());
            return 1;
        }
        new PidFile(pid, startedAt).writeTo(paths.pidFile());
        if (options.serve()) {
            log.echoTo(errors); // from here on: what failed before was printed once, on errors
        }
        log.info("bus " + ProtocolVersion.CURRENT + " started: pid " + pid + ", app " + JsonText.quote(options.appId())
                + ", socket " + socketPath + (options.serve() ? ", serving in the foreground (no idle exit)"
                : ", idle timeout " + options.idleTimeout().toMillis() + " ms") + ", keys from plugins "
                + plugins.registeredKeys() + ", sources " + settings.feeds().names());

        Cursors cursors = new Cursors(retention.durable() ? new CursorStore(paths, log) : Cursors.Store.NONE);
        try (Deadlines deadlines = new Deadlines(); RetentionLog events = LogUpkeep.open(retention, paths, log, cursors);
             BusMonitoring monitoring = new BusMonitoring()) {
            BusCleanups cleanups = new BusCleanups(new KeyCleanup(options.home(), options.appId(), log), log,
                    BusCleanups.DEFAULT_LIMIT);
            DedupFilter dedup = new DedupFilter();
            if (retention.durable()) {
                log.info("dedup: " + DedupSeed.fromLog(events, dedup, DedupFilter.DEFAULT_MAX_IDS)
                        + " id(s) of retained events remembered");
            }
            Hub hub = new Hub(dedup, cleanups, log, events, cursors, Clock.systemUTC(), System::nanoTime);
            SubscriptionLifecycle lifecycle = hub.lifecycle();
            BusFeeds feeds = BusFeeds.wire(settings.feeds(), hub, events, paths, options.env(), log, options.appId(),
                    monitoring);
            ServedPipelines pipelines = new ServedPipelines(launcher(options), options.env(), log::info, log::warn,
                    System::nanoTime, key -> KeyVersion.of(options.home(), options.env(), key));
            signals.reloadWith(new BusReload(options.home(), options.appId(), options.env(), feeds, pipelines, log, snapshot));
            BusStatus status = new BusStatus(hub, events, cursors, options.appId(), startedAt, feeds, pipelines);
            BusServer busServer = new BusServer(server, settings.limits(), hub, events, cursors, deadlines, log, signals::reloader,
                    new StopRequests(lifecycle, log, signals::stop), status, options.serve());
            monitoring.measure(status, busServer);
            SpoolIntake spool = SpoolIntake.into(hub, events, paths, log);
            // Spooled events are older than anything a live publisher sends: they go first.
            LogUpkeep.takeSpool(spool, events);
            Thread.ofPlatform().name("evbus-accept").daemon().start(busServer::acceptLoop);
            Thread.ofVirtual().name("evbus-tick").start(() -> LogUpkeep.tick(events, cursors, spool, signals::stopping));
            if (!options.serve()) {
                Thread.ofVirtual().name("evbus-idle").start(() -> {
                    if (hub.awaitIdle(options.idleTimeout(), feeds::holdsUnsent)) {
                        signals.stop("idle for " + options.idleTimeout().toMillis() + " ms");
                    }
                });
            }
            // Served with sources and none running, the bus has nothing to serve them for: exit 1, which
            // a supervisor restarts. A bus started for consumers goes on without them.
            int exit = feeds.start() == 0 && feeds.configuredSources() > 0 && options.serve() ? 1 : 0;
            // After the sources: the JDK reads its HTTP server limits once, when the first server is
            // made, and the HTTP source sets them (ServerProperties) just before it makes its own.
            monitoring.listen(settings.metrics(), log);
            if (exit != 0) {
                signals.stop("none of its " + feeds.configuredSources() + " source(s) could start");
            } else {
                pipelines.start(settings.pipelines());
                monitoring.markReady(); // /health: ready once the sources and the pipelines have started
            }
            String reason = signals.awaitStop();
            // First, while the bus still serves them: each pipeline's consumer commits and leaves.
            pipelines.stop();
            // Admit no one from here on (a signal stops without asking), so nothing new needs a cleanup.
            lifecycle.stop().begin();
            log.info("stopping: " + reason);
            feeds.close(); // no new events from here on
            Files.deleteIfExists(socketPath);
            busServer.close(reason);
            lifecycle.stop().connectionsClosed();
            // Every admitted consumer's disconnect is processed before the cleanups are counted, so
            // none that a closed connection leaves behind is cut off by the exit.
            if (!lifecycle.stop().awaitDrained(lifecycle.stop().patience())) {
                log.warn("exiting before everything ended: " + lifecycle.stop().undrained());
            }
            cursors.persist();
            // The PID file names the alive lock's holder for as long as it holds it.
            deleteIfOurs(paths.pidFile(), pid);
            log.info("stopped");
            return exit;
        }
    }

    /** How pipelines start; one that cannot says so once, and the bus serves on without them. */
    private static ServedPipelines.Launcher launcher(Options options) {
        if (options.pipelines() != null) {
            return options.pipelines();
        }
        return arguments -> {
            throw new IllegalStateException("this bus was started without a way to run pipelines (start it with"
                    + " bin/evbus)");
        };
    }

    /** Why {@code evbus serve} will not start: exit 1, so a supervisor sees a failure rather than a service that ended. */
    private static String alreadyRunning(Options options, AppPaths paths) {
        String pid = PidFile.read(paths.pidFile()).map(p -> " (pid " + p.pid() + ")").orElse("");
        return "evbus: a bus for app " + JsonText.quote(options.appId()) + " is already running" + pid
                + "; stop it first (`evbus --app " + options.appId() + " stop`)";
    }

    private static void deleteIfOurs(Path pidFile, long pid) throws IOException {
        Optional<PidFile> current = PidFile.read(pidFile);
        if (current.isPresent() && current.get().pid() == pid) {
            Files.deleteIfExists(pidFile);
        }
    }
}
