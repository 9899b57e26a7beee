package dev.evbus.bus;

import dev.evbus.busdiscover.FileLocks;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.served.ServedPipelines;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.config.Retention;
import dev.evbus.config.UnsafePathException;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.AddressInUseException;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.UnixSockets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One app's bus process from start to exit: take the alive lock (the proof of life), read its
 * inputs ({@link BusInputs}), bind the socket, write the PID file, wire and start the parts
 * ({@link BusAssembly}), serve until idle, told to stop, or signalled ({@link BusSignals}), then
 * stop them in order and tidy up. The periodic jobs are {@link BusTick}'s.
 */
public final class BusDaemon {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long serve waits for a bus that holds the app's lock without a socket (starting or stopping). */
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
    /** The bus's one clock: every part it wires reads time from it. */
    private final TimeSource clock;

    private BusDaemon(TimeSource clock) {
        this.clock = clock;
    }

    /**
     * What {@link #runUnlessRunning} returns when another bus holds the app's lock: not an exit
     * code (those are never negative), but the cue for {@code serve} to adopt that bus.
     */
    public static final int ANOTHER_BUS = -1;

    /** Runs a bus in this process; returns the exit code. {@code errors} gets the one line a failed start prints. */
    public static int run(Options options, PrintStream errors) {
        return new BusDaemon(TimeSource.system()).serve(options, errors, false);
    }

    /** As {@link #run}, but returns {@link #ANOTHER_BUS} when another bus is running, for serve to adopt. */
    public static int runUnlessRunning(Options options, PrintStream errors) {
        return new BusDaemon(TimeSource.system()).serve(options, errors, true);
    }

    private int serve(Options options, PrintStream errors, boolean adoptable) {
        AppPaths paths = options.home().app(options.appId());
        Optional<FileLocks.Held> alive;
        try {
            paths.ensureDirectory();
            // A consumer's bus tries once: its consumer forked it because the lock was free, so a
            // holder now is a bus that won the race, and waiting would only start a second bus the
            // moment that one stops. The consumer then finds the winner.
            alive = options.serve() ? aliveLockInTurn(paths) : FileLocks.tryAcquire(paths.aliveLock());
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

    /**
     * Serve takes the alive lock only at its turn on the fork lock, as a consumer forks: a consumer
     * that found no bus forks one under that lock and waits there until it answers. Were serve's bus
     * to take the alive lock meanwhile, the consumer would attach to it and leave its fork starting,
     * with nobody waiting for it: the fork would take the lock the moment serve's bus let it go and
     * run on, unserved, after serve stopped. In turn, serve finds the fork holding the lock and adopts it.
     */
    private Optional<FileLocks.Held> aliveLockInTurn(AppPaths paths) throws IOException {
        Path socket = SocketAddresses.forApp(paths);
        try (FileLocks.Held turn = FileLocks.acquire(paths.forkLock())) {
            // A holder with its socket bound is a running bus: serve adopts it now. One without is
            // stopping (a stopping bus removes its socket first) or, rarely, still binding: serve
            // waits for the lock, so that its own bus follows a stopping one, and a binding one is
            // adopted on serve's next try (ServeTakeover).
            return FileLocks.tryAcquire(paths.aliveLock(), LOCK_PATIENCE, clock,
                    () -> Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private int serveLocked(Options options, AppPaths paths, BusLog log, PrintStream errors, boolean adoptable)
            throws IOException {
        signals.install(log);
        Instant startedAt = clock.instant();
        long pid = ProcessHandle.current().pid();
        BusInputs inputs;
        try {
            inputs = BusInputs.read(options, paths, log);
        } catch (BusInputs.Refused refused) {
            log.warn("not starting: " + refused.getMessage());
            errors.println("evbus: " + refused.getMessage());
            return 2;
        }
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
                + inputs.plugins().registeredKeys() + ", sources " + inputs.settings().feeds().names());

        Retention retention = inputs.settings().retention();
        Cursors cursors = new Cursors(retention.durable() ? new CursorStore(paths, log) : Cursors.Store.NONE, clock);
        try (Deadlines deadlines = Deadlines.watched(clock);
             RetentionLog events = LogUpkeep.open(retention, paths, log, cursors, clock);
             BusMonitoring monitoring = new BusMonitoring()) {
            BusAssembly bus = new BusAssembly(options, paths, inputs,
                    new BusAssembly.Parts(server, deadlines, events, monitoring, cursors), startedAt, signals, log, clock);
            int exit = bus.start();
            bus.stop(signals.awaitStop(), socketPath);
            // The PID file names the alive lock's holder for as long as it holds it.
            deleteIfOurs(paths.pidFile(), pid);
            log.info("stopped");
            return exit;
        }
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
