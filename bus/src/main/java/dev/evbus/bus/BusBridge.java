package dev.evbus.bus;

import dev.evbus.bridge.Bridge;
import dev.evbus.bridge.BridgeContext;
import dev.evbus.bridge.BridgeReport;
import dev.evbus.bridge.NatsBridge;
import dev.evbus.bridge.NatsBridgeConfig;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.AppPaths;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.StatusParts;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The app's bridge to NATS JetStream wired into this bus: it reads local events from the log after
 * its cursor (kept beside the named cursors when the log is durable) and brings other hosts' events
 * in through the publish path with the log's remote mark. Absent when the app configures none.
 */
final class BusBridge implements AutoCloseable {
    /** The cursor's file name, beside {@code cursors.json}. */
    static final String CURSOR_FILE = "bridge-nats.offset";
    private static final BusBridge NONE = new BusBridge(null, null);

    /** Null when no bridge is configured. */
    private final Bridge bridge;
    private final BusLog log;
    /** The idle thread's only: whether the log already says why an idle bus stays up. */
    private boolean toldHolding;

    private BusBridge(Bridge bridge, BusLog log) {
        this.bridge = bridge;
        this.log = log;
    }

    /** Builds the bridge, not started; before the spool is taken in, so spooled events are exported too. */
    static BusBridge wire(Optional<NatsBridgeConfig> config, BusIngest ingest, RetentionLog events, AppPaths paths,
                          BusLog log, String appId, TimeSource clock) {
        if (config.isEmpty()) {
            return NONE;
        }
        Path file = events.stored().durable() ? paths.cursorsFile().resolveSibling(CURSOR_FILE) : null;
        BridgeCursor cursor = BridgeCursor.open(file, events.endOffset(), log::warn);
        BridgeContext context = new BridgeContext(appId, new BridgeLocalLog(events, cursor), new BridgeIngest(ingest),
                log::info, log::warn, clock);
        try {
            return new BusBridge(new NatsBridge(config.get(), context), log);
        } catch (LinkageError noClient) {
            // the NATS client lives beside the jar (bridge-lib/); a bus started without it serves locally
            log.warn("bridge: the NATS client is not on this bus's class path (" + noClient
                    + "); serving without the bridge");
            return NONE;
        }
    }

    /** Starts both directions; returns at once, also when NATS cannot be reached (the bridge keeps trying). */
    void start() {
        if (bridge != null) {
            bridge.start();
        }
    }

    /**
     * Whether local events wait for NATS. A bus with a memory log would lose them by exiting, so an
     * idle bus stays up until they are sent (the first time it does, it says so in its log).
     */
    boolean holdsUnsent() {
        if (bridge == null) {
            return false;
        }
        long backlog = bridge.report().backlog();
        if (backlog == 0) {
            toldHolding = false;
            return false;
        }
        if (!toldHolding) {
            toldHolding = true;
            log.info("idle, but " + backlog + " event(s) still wait for NATS: staying up until they are sent");
        }
        return true;
    }

    /** The bridge as {@code status} shows it, or null when there is none. */
    StatusParts.BridgeSummary summary() {
        if (bridge == null) {
            return null;
        }
        BridgeReport r = bridge.report();
        return new StatusParts.BridgeSummary("nats", r.node(), r.servers(), r.stream(), r.state().wireName(), r.sent(),
                r.backlog(), r.missed(), r.received(), r.duplicates(), r.lag(), r.errors(), r.lastError(),
                r.lastErrorAt());
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
    }
}
