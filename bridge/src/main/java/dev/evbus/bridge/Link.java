package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;

/**
 * The connection to NATS and the readiness of the stream, kept by one thread: it connects
 * (retrying with back-off when NATS is down at start; the client itself reconnects forever
 * afterwards), and after each (re)connect makes sure the stream and the durable consumer exist.
 * The exporter and the importer wait here for a ready {@link Session}.
 */
final class Link implements ConnectionListener, ErrorListener, Runnable {
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** A ready connection; a new generation after each successful setup, so users notice a reconnect. */
    record Session(Connection connection, JetStream jetStream, long generation) {
    }

    private final NatsBridgeConfig config;
    private final BridgeHealth health;
    private final TimeSource clock;
    /** Guards every field below; waiters are woken on each change. */
    private final Object lock = new Object();
    private Connection connection;
    private boolean needsSetup;
    private Session ready;
    private long generations;
    private boolean closed;

    Link(NatsBridgeConfig config, BridgeHealth health, TimeSource clock) {
        this.config = config;
        this.health = health;
        this.clock = clock;
    }

    /** The ready session, waiting up to {@code millis} for one; null when there is none (yet). */
    Session awaitReady(long millis) throws InterruptedException {
        long deadline = clock.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            while (ready == null && !closed) {
                long left = (deadline - clock.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                lock.wait(left);
            }
            return ready;
        }
    }

    /** True while {@code session} is still the ready one (no disconnect since). */
    boolean current(Session session) {
        synchronized (lock) {
            return ready == session && session != null;
        }
    }

    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        try {
            while (true) {
                Connection current;
                boolean setup;
                synchronized (lock) {
                    while (!closed && connection != null && !needsSetup) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    current = connection;
                    setup = needsSetup;
                }
                boolean done = current == null ? connect() : setup && setUp(current);
                retry = done ? FIRST_RETRY : backOff(retry);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration backOff(Duration retry) throws InterruptedException {
        synchronized (lock) {
            if (!closed) {
                lock.wait(retry.toMillis());
            }
        }
        Duration next = retry.multipliedBy(2);
        return next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next;
    }

    private boolean connect() throws InterruptedException {
        try {
            Connection opened = Nats.connect(options());
            synchronized (lock) {
                if (closed) {
                    opened.close();
                    return true;
                }
                connection = opened;
                needsSetup = true;
            }
            return true;
        } catch (IOException unreachable) {
            health.fault("cannot reach NATS at " + Quote.of(String.join(",", config.servers())) + ": "
                    + BridgeHealth.describe(unreachable) + " (trying again)");
            return false;
        }
    }

    private boolean setUp(Connection current) throws InterruptedException {
        try {
            StreamSetup.ensure(current.jetStreamManagement(), config);
            synchronized (lock) {
                if (connection != current || current.getStatus() != Connection.Status.CONNECTED) {
                    return true;
                }
                needsSetup = false;
                ready = new Session(current, current.jetStream(), ++generations);
                lock.notifyAll();
            }
            health.state(BridgeState.CONNECTED, "stream " + config.stream() + ", consumer " + config.node());
            return true;
        } catch (StreamSetup.Conflict conflict) {
            health.state(BridgeState.FAILED, null);
            health.fault("nats: " + conflict.getMessage());
            return false;
        } catch (IOException | JetStreamApiException | RuntimeException refused) {
            health.state(BridgeState.FAILED, null);
            health.fault("nats: JetStream did not set up stream " + Quote.of(config.stream()) + ": "
                    + BridgeHealth.describe(refused) + " (is the server run with -js? trying again)");
            return false;
        }
    }

    Options options() {
        Options.Builder options = Options.builder().servers(config.servers().toArray(String[]::new)).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500)).connectionTimeout(Duration.ofSeconds(2))
                .connectionName("evbus-bridge " + config.node()).connectionListener(this).errorListener(this);
        switch (config.auth()) {
            case NatsAuth.None none -> {
            }
            case NatsAuth.Token token -> options.token(token.token().toCharArray());
            case NatsAuth.UserPassword user -> options.userInfo(user.user().toCharArray(), user.password().toCharArray());
            case NatsAuth.CredsFile creds -> options.authHandler(Nats.credentials(creds.file().toString()));
        }
        return options.build();
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        switch (type) {
            case DISCONNECTED -> {
                synchronized (lock) {
                    if (conn != connection) {
                        return; // a first connect that failed: connect() reports it, the state stays CONNECTING
                    }
                    ready = null;
                    lock.notifyAll();
                }
                health.state(BridgeState.RECONNECTING, null);
                health.fault("lost the connection to NATS (reconnecting)");
            }
            case RECONNECTED -> {
                synchronized (lock) {
                    needsSetup = true;
                    lock.notifyAll();
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        health.fault("nats: server error " + Quote.of(error));
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        // Before the first connection, each failed attempt is reported by connect() with the servers it tried.
        if (health.state() != BridgeState.CONNECTING) {
            health.remember("nats: " + BridgeHealth.describe(exp));
        }
    }

    /** Stops the thread and closes the connection (after the exporter drained). */
    void close() throws InterruptedException {
        Connection open;
        synchronized (lock) {
            closed = true;
            ready = null;
            open = connection;
            connection = null;
            lock.notifyAll();
        }
        if (open != null) {
            open.close();
        }
    }
}
