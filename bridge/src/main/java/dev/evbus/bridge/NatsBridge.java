package dev.evbus.bridge;

/**
 * The bridge to NATS JetStream: three threads (the link, the exporter, the importer) that never
 * end the bus; faults show in {@link #report()}. Delivery is at least once into JetStream and out
 * of it, made exactly once by event id: JetStream drops repeated {@code Nats-Msg-Id}s within its
 * duplicate window, and the bus drops repeated event ids on the way in.
 */
public final class NatsBridge implements Bridge {
    private final NatsBridgeConfig config;
    private final BridgeContext context;
    private final BridgeHealth health;
    private final Link link;
    private final Exporter exporter;
    private final Importer importer;
    /** Guarded by {@code this}: started once, closed once. */
    private Thread[] threads;
    private boolean closed;

    public NatsBridge(NatsBridgeConfig config, BridgeContext context) {
        this.config = config;
        this.context = context;
        this.health = new BridgeHealth(context.info(), context.warn(), context.clock());
        this.link = new Link(config, health, context.clock());
        // Events without an id are named by the bus start, as offsets of a memory log restart with the bus.
        this.exporter = new Exporter(config, context, link, health, context.clock().millis());
        this.importer = new Importer(config, context, link, health);
    }

    @Override
    public synchronized void start() {
        if (threads != null || closed) {
            return;
        }
        context.info().accept("bridge: nats connecting to " + String.join(",", config.servers()) + " as node " + config.node()
                + ", stream " + config.stream() + ", subjects " + config.subjectFilter());
        threads = new Thread[] {
            Thread.ofPlatform().daemon().name("evbus-bridge-link").start(link),
            Thread.ofPlatform().daemon().name("evbus-bridge-export").start(exporter),
            Thread.ofPlatform().daemon().name("evbus-bridge-import").start(importer),
        };
    }

    @Override
    public BridgeReport report() {
        return health.report(config, exporter.backlog(), exporter.missed());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (threads != null) {
                importer.stop();
                exporter.stop();
                threads[1].join(5_000); // the exporter drains for ~2 s at most while the link is still open
                threads[2].join(3_000);
            }
            link.close();
            if (threads != null) {
                threads[0].interrupt();
                threads[0].join(2_000);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        health.state(BridgeState.CLOSED, null);
    }
}
