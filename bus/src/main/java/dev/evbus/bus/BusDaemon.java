package dev.evbus.bus;

import dev.evbus.busdiscover.FileLocks;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.served.ServedPipelines;
import dev.evbus.bus.log.SegmentStore;
import dev.evbus.event.AppPaths;
import dev.evbus.event.DataSize;
import dev.evbus.event.DedupFilter;
import dev.evbus.event.Home;
import dev.evbus.event.PluginLoader;
import dev.evbus.keyfiles.KeyFiles;
import dev.evbus.event.Retention;
import dev.evbus.event.UnsafePathException;
import dev.evbus.protocol.Message;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * One app's bus process from start to exit: take the alive lock (the proof of life), write the
 * PID file, bind the socket, serve until idle, told to stop, or signalled, then tidy up.
 */
public final class BusDaemon {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(2);
    private static final Duration TICK = Duration.ofSeconds(1);
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

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    /** Set once the feeds are wired; a SIGHUP before that finds nothing to reload yet (and is logged). */
    private final AtomicReference<BusReload> reload = new AtomicReference<>();

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
        // Before anything a stop must tidy exists: a SIGTERM at any point of the start (a supervisor's,
        // right after the "started" line) stops the bus cleanly once it is up, never with the JVM's 143.
        onSignal("TERM");
        onSignal("INT");
        onHangUp(log);
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
        try (Deadlines deadlines = new Deadlines(); RetentionLog events = openLog(retention, paths, log, cursors);
             BusMonitoring monitoring = new BusMonitoring()) {
            BusCleanups cleanups = new BusCleanups(new KeyCleanup(options.home(), options.appId(), log), log,
                    BusCleanups.DEFAULT_LIMIT);
            DedupFilter dedup = new DedupFilter();
            if (retention.durable()) {
                log.info("dedup: " + DedupSeed.fromLog(events, dedup, DedupFilter.DEFAULT_MAX_IDS)
                        + " id(s) of retained events remembered");
            }
            Hub hub = new Hub(dedup, cleanups, log, events, cursors, System::nanoTime);
            SubscriptionLifecycle lifecycle = hub.lifecycle();
            BusFeeds feeds = BusFeeds.wire(settings.feeds(), hub, events, paths, options.env(), log, options.appId(),
                    monitoring);
            ServedPipelines pipelines = new ServedPipelines(launcher(options), options.env(), log::info, log::warn,
                    System::nanoTime, key -> KeyVersion.of(options.home(), options.env(), key));
            reload.set(new BusReload(options.home(), options.appId(), options.env(), feeds, pipelines, log, snapshot));
            BusStatus status = new BusStatus(hub, events, cursors, options.appId(), startedAt, feeds, pipelines);
            BusServer busServer = new BusServer(server, settings.limits(), hub, events, cursors, deadlines, log, reload::get,
                    new StopRequests(lifecycle, log, this::stop), status, options.serve());
            monitoring.measure(status, busServer);
            SpoolIntake spool = SpoolIntake.into(hub, events, paths, log);
            // Spooled events are older than anything a live publisher sends: they go first.
            takeSpool(spool, events);
            Thread.ofPlatform().name("evbus-accept").daemon().start(busServer::acceptLoop);
            Thread.ofVirtual().name("evbus-tick").start(() -> tick(events, cursors, spool));
            if (!options.serve()) {
                Thread.ofVirtual().name("evbus-idle").start(() -> {
                    if (hub.awaitIdle(options.idleTimeout(), feeds::holdsUnsent)) {
                        stop("idle for " + options.idleTimeout().toMillis() + " ms");
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
                stop("none of its " + feeds.configuredSources() + " source(s) could start");
            } else {
                pipelines.start(settings.pipelines());
                monitoring.markReady(); // /health: ready once the sources and the pipelines have started
            }
            awaitStop();
            // First, while the bus still serves them: each pipeline's consumer commits and leaves.
            pipelines.stop();
            // Admit no one from here on (a signal stops without asking), so nothing new needs a cleanup.
            lifecycle.stop().begin();
            String reason = stopReason.get();
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

    private static RetentionLog openLog(Retention retention, AppPaths paths, BusLog log, Cursors cursors) throws IOException {
        LogStorage storage = retention.durable() ? SegmentStore.open(paths, retention, log::warn) : LogStorage.MEMORY;
        RetentionLog events = RetentionLog.open(retention, storage, System::currentTimeMillis);
        // A cursor saved past what the disk kept (events sent but not synced before a crash) must
        // not point into offsets that new events would reuse: continue after it.
        events.continueAfter(cursors.highestOffset());
        Message.LogStatus status = events.status();
        log.info("log: " + (retention.durable() ? "durable in " + paths.logDir() : "in memory") + ", max_bytes "
                + DataSize.format(retention.maxBytes()) + ", max_age " + retention.maxAge().toMillis() + " ms, "
                + status.events() + " event(s) retained, next offset " + (status.lastOffset() + 1));
        return events;
    }

    private static void takeSpool(SpoolIntake spool, RetentionLog events) {
        try {
            if (spool.takeAll() > 0) {
                events.wakeReaders();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Once a second: age the log, save moved cursors, take spool files publishers left since. */
    private void tick(RetentionLog events, Cursors cursors, SpoolIntake spool) {
        while (stopReason.get() == null) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            events.expire();
            cursors.persist();
            takeSpool(spool, events);
        }
    }

    /** SIGHUP reloads the app's config, as {@code evbus reload} does; off the signal's thread, since a restart takes time. */
    private void onHangUp(BusLog log) {
        try {
            Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().name("evbus-reload").start(() -> {
                BusReload current = reload.get();
                if (current == null) {
                    log.warn("SIGHUP while the bus is starting: nothing to reload yet");
                } else {
                    current.reload("signal SIGHUP");
                }
            }));
        } catch (IllegalArgumentException unsupported) {
            // the JVM reserves it here (-Xrs); evbus reload still works over the socket
        }
    }

    private void onSignal(String name) {
        try {
            Signal.handle(new Signal(name), signal -> stop("signal SIG" + name));
        } catch (IllegalArgumentException unsupported) {
            // the JVM reserves it here; the default action still ends the process
        }
    }

    private void stop(String reason) {
        if (stopReason.compareAndSet(null, reason)) {
            stopped.countDown();
        }
    }

    private void awaitStop() {
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // only a stop ends the bus
            }
        }
    }

    private static void deleteIfOurs(Path pidFile, long pid) throws IOException {
        Optional<PidFile> current = PidFile.read(pidFile);
        if (current.isPresent() && current.get().pid() == pid) {
            Files.deleteIfExists(pidFile);
        }
    }
}
