package dev.evbus.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.cli.e2e.WireFrames.Kind;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fuzz connections to a bus, several at a time: each sends a first frame and maybe more, in
 * pieces, then either half-closes and reads until the bus closes its side (which the bus must do
 * within {@link Poll#PATIENCE}: a wedged connection fails the suite), closes at once, or, now and
 * then, sends nothing and waits for the bus's first-frame deadline to close it. A connection
 * whose first frame is an unforced {@code shutdown} and that reads the answer must read a
 * refusal: the suite's consumer is attached throughout.
 * Connections are drawn on the caller's thread, so the seed alone decides them.
 */
final class FuzzTraffic implements AutoCloseable {
    /** Weights of the first frame's kind, in {@link Kind} order; oversized ones cost a MiB each. */
    private static final int[] FIRST_WEIGHTS = {20, 30, 10, 1, 5, 10, 10, 8, 6};
    private static final Duration SILENT_PATIENCE = Duration.ofSeconds(20);

    private final Path socket;
    private final Random random;
    private final WireFrames frames;
    private final FuzzSafety safety;
    private final ExecutorService workers;
    private final AtomicLongArray sent = new AtomicLongArray(Kind.values().length);
    /** Unforced shutdowns whose refusal a connection read. */
    private final AtomicLong refusalsRead = new AtomicLong();
    /** First frames the bus acts on, by wire type; the caller's thread only, as are the two counts below. */
    private final Map<String, Long> firstActedOn = new TreeMap<>();
    private long connections;
    private long dropped;

    /** How a connection ends on the client's side. */
    private enum Ending { HALF_CLOSE_AND_READ, CLOSE_AT_ONCE, SILENT }

    /**
     * One connection's bytes, how many pieces they go in, how it ends, its frames by kind, and its
     * first frame's wire type as the bus acts on it (null when the bus refuses it).
     */
    private record Plan(byte[] bytes, int pieces, Ending ending, Map<Kind, Integer> frames, String first) {
    }

    FuzzTraffic(Path socket, long seed, String watchedSubscription, int concurrency) {
        this.socket = socket;
        this.random = new Random(seed);
        this.frames = new WireFrames(new Random(seed ^ 0x5DEECE66DL));
        this.safety = new FuzzSafety(watchedSubscription);
        this.workers = Executors.newFixedThreadPool(concurrency);
    }

    /** Runs {@code count} connections (plus one silent one when asked) and returns once every one has ended. */
    void batch(int count, boolean withSilent) throws InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        if (withSilent) {
            running.add(workers.submit(() -> run(new Plan(new byte[0], 0, Ending.SILENT, Map.of(), null))));
        }
        for (int k = 0; k < count; k++) {
            Plan plan = plan();
            running.add(workers.submit(() -> run(plan)));
        }
        for (Future<?> connection : running) {
            try {
                connection.get();
            } catch (ExecutionException e) {
                throw new AssertionError("a fuzz connection failed: " + e.getCause(), e.getCause());
            }
        }
        connections += running.size();
    }

    private Plan plan() {
        while (true) {
            String first = frames.firstType();
            Kind firstKind = weighted();
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            List<byte[]> parts = new ArrayList<>();
            parts.add(frames.frame(firstKind, first));
            counts.merge(firstKind, 1, Integer::sum);
            boolean stream = firstKind == Kind.VALID && (first.equals("hello") || first.equals("publish"));
            for (int k = random.nextInt(stream ? 8 : 3); k > 0; k--) {
                Kind kind = random.nextInt(3) == 0 ? Kind.VALID : weighted();
                parts.add(frames.frame(kind == Kind.OVERSIZED ? Kind.MUTATED : kind, frames.followType(first)));
                counts.merge(kind == Kind.OVERSIZED ? Kind.MUTATED : kind, 1, Integer::sum);
            }
            byte[] bytes = parts.stream().reduce(new byte[0], WireFrames::concat);
            List<FuzzSafety.Read> read = FuzzSafety.read(bytes);
            if (safety.safe(read)) {
                Ending ending = random.nextInt(4) == 0 ? Ending.CLOSE_AT_ONCE : Ending.HALF_CLOSE_AND_READ;
                String firstActed = FuzzSafety.firstActedOn(read);
                if (firstActed != null) {
                    firstActedOn.merge(firstActed, 1L, Long::sum);
                }
                return new Plan(bytes, 1 + random.nextInt(3), ending, counts, firstActed);
            }
            dropped++;
        }
    }

    private Kind weighted() {
        int total = Arrays.stream(FIRST_WEIGHTS).sum();
        int pick = random.nextInt(total);
        for (Kind kind : Kind.values()) {
            pick -= FIRST_WEIGHTS[kind.ordinal()];
            if (pick < 0) {
                return kind;
            }
        }
        throw new IllegalStateException();
    }

    private void run(Plan plan) {
        try (RawBusConnection connection = RawBusConnection.open(socket)) {
            if (!send(connection, plan)) {
                return; // the bus answered and closed before taking everything: it may
            }
            switch (plan.ending()) {
                case HALF_CLOSE_AND_READ -> {
                    boolean shutdown = "shutdown".equals(plan.first());
                    // a shutdown is answered at once and the connection closed, often before the half-close
                    String answer = halfClose(connection) ? connection.readUntilClosed(Poll.PATIENCE)
                            : shutdown ? answerLeft(connection) : null;
                    if (shutdown && answer != null) {
                        assertRefused(answer);
                    }
                }
                case SILENT -> connection.readUntilClosed(SILENT_PATIENCE);
                case CLOSE_AT_ONCE -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz connection to " + socket, e);
        } finally {
            plan.frames().forEach((kind, count) -> sent.addAndGet(kind.ordinal(), count));
        }
    }

    private void assertRefused(String answer) {
        JsonNode ack = answer.isBlank() ? null : Evbus.parse(answer.strip());
        if (ack == null || !ack.path("type").asText().equals("shutdown_ack") || !ack.path("stopping").isBoolean()
                || ack.path("stopping").asBoolean() || ack.path("consumers").isEmpty()) {
            throw new AssertionError("an unforced shutdown with a consumer attached must be refused; the bus answered: " + answer);
        }
        refusalsRead.incrementAndGet();
    }

    /** Sends the bytes in pieces; false when the bus closed the connection first. */
    private static boolean send(RawBusConnection connection, Plan plan) {
        byte[] bytes = plan.bytes();
        int step = Math.max(1, bytes.length / Math.max(1, plan.pieces()));
        try {
            for (int at = 0; at < bytes.length; at += step) {
                connection.send(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + step)));
            }
            return true;
        } catch (IOException closedByTheBus) {
            return false;
        }
    }

    /**
     * What the bus sent before it closed the connection (an answer to a one-frame request does so
     * at once); null when reading fails: the bus left frames of ours unread, which Linux reports
     * as a reset.
     */
    private static String answerLeft(RawBusConnection connection) {
        try {
            return connection.readUntilClosed(Poll.PATIENCE);
        } catch (IOException reset) {
            return null;
        }
    }

    /** False when the bus had closed the connection already. */
    private static boolean halfClose(RawBusConnection connection) {
        try {
            connection.finishSending();
            return true;
        } catch (IOException closedByTheBus) {
            return false;
        }
    }

    /** Starts the counts again from zero: the figures leave out the warm-up. */
    void startCounting() {
        for (int k = 0; k < sent.length(); k++) {
            sent.set(k, 0);
        }
        refusalsRead.set(0);
        firstActedOn.clear();
        connections = 0;
        dropped = 0;
    }

    /** Connections whose first frame the bus acts on, by its wire type ({@code hello}, {@code shutdown}, ...). */
    Map<String, Long> firstFramesActedOn() {
        return Map.copyOf(firstActedOn);
    }

    long refusalsRead() {
        return refusalsRead.get();
    }

    long framesSent() {
        long total = 0;
        for (int k = 0; k < sent.length(); k++) {
            total += sent.get(k);
        }
        return total;
    }

    /** Frames sent by kind, as figures: {@code valid=N mutated=N ...}. */
    List<String> figures() {
        List<String> figures = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            figures.add(kind.name().toLowerCase(java.util.Locale.ROOT) + "=" + sent.get(kind.ordinal()));
        }
        firstActedOn.forEach((type, count) -> figures.add("first_" + type + "=" + count));
        figures.add("shutdown_refusals_read=" + refusalsRead.get());
        figures.add("connections=" + connections);
        figures.add("unsafe_redrawn=" + dropped);
        return figures;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
