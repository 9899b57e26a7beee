package dev.evbus.sources;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A source for tests: starts or fails as told, counts its starts and closes, reports what it is given. */
class FakeSource implements Source {
    final String name;
    private final IOException startFailure;
    private final RuntimeException closeFailure;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile SourceState state = SourceState.CONNECTING;

    FakeSource(String name, IOException startFailure, RuntimeException closeFailure) {
        this.name = name;
        this.startFailure = startFailure;
        this.closeFailure = closeFailure;
    }

    static FakeSource working(String name) {
        return new FakeSource(name, null, null);
    }

    @Override
    public void start() throws IOException {
        starts.incrementAndGet();
        if (startFailure != null) {
            throw startFailure;
        }
        state = SourceState.CONNECTED;
    }

    @Override
    public SourceReport report() {
        return new SourceReport(name, name, "127.0.0.1:4242", state, 3, 1, 1_700_000_000_000L, null);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        if (closeFailure != null) {
            throw closeFailure;
        }
    }
}
