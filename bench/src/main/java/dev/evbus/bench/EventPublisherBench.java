package dev.evbus.bench;

import dev.evbus.config.Home;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * (h) What one {@code EventPublisher.publish} call costs its caller, which the API promises
 * returns at once: with a bus attached (frames batched over one connection) and with none
 * (events spooled to disk). Each call is timed on its own with {@code System.nanoTime()} (about
 * 20-30 ns of that is the clock itself, a few more the reflective call), after a JIT warm-up.
 * The class is looked up by reflection so the bench builds, and reports "not available", until it
 * lands in busctl.
 */
final class EventPublisherBench {
    static final String CLASS = "dev.evbus.busctl.EventPublisher";
    private static final String APP = "default";
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final long WARM_UP_CALLS = 200_000;

    private EventPublisherBench() {
    }

    static void run(Path root, long calls, Cleanup scope, Report report) throws Exception {
        Optional<Class<?>> type = lookUp();
        String metric = "`EventPublisher.publish`, 200-byte payload: cost per call, median / p99 over "
                + Report.count(calls) + " calls";
        if (type.isEmpty()) {
            report.measured(metric, "not available: " + CLASS + " is not in this build");
            return;
        }
        Evbus attached = scope.register(Evbus.keepingSettings(root, "10m"));
        ConsumerGroup group = scope.register(new ConsumerGroup());
        group.add(ConsumerProcess.launchIdle(attached));
        BusStatus.awaitConsumers(attached, 1, ATTACH_TIMEOUT);
        report.measured(metric + ", bus attached", measure(type.get(), attached.home(), calls));
        scope.release(group);
        scope.release(attached);

        Evbus empty = scope.register(Evbus.keepingSettings(root, "10s"));
        report.measured(metric + ", no bus (spooling)", measure(type.get(), empty.home(), calls));
        scope.release(empty);
    }

    private static Optional<Class<?>> lookUp() {
        try {
            return Optional.of(Class.forName(CLASS));
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
    }

    /** Builds a publisher for {@code home}, times each call, closes it; the stats go next to the figures. */
    private static String measure(Class<?> type, Path home, long calls) throws Exception {
        Object builder = type.getMethod("builder", Home.class, String.class).invoke(null, new Home(home), APP);
        Object publisher = builder.getClass().getMethod("build").invoke(builder);
        Method publish = publishMethod(type);
        boolean asBytes = publish.getParameterTypes()[2] == byte[].class;
        BenchPayload payload = new BenchPayload();
        long[] nanos = new long[Math.toIntExact(calls)];
        long refused = 0;
        try {
            for (long i = 0; i < WARM_UP_CALLS; i++) {
                call(publish, publisher, asBytes, payload.fill(i, 0));
            }
            for (int i = 0; i < nanos.length; i++) {
                byte[] bytes = payload.fill(WARM_UP_CALLS + i, 0);
                // Converting to a String is the caller's cost with a String API, so it stays outside the timing.
                Object json = asBytes ? bytes : new String(bytes, StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                Object accepted = publish.invoke(publisher, BenchPublisher.EVENT_TYPE, null, json);
                nanos[i] = System.nanoTime() - start;
                refused += Boolean.FALSE.equals(accepted) ? 1 : 0;
            }
        } catch (InvocationTargetException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        } finally {
            close(publisher);
        }
        Sample sample = Sample.of(nanos);
        return sample.median() + " ns / " + sample.percentile(0.99) + " ns (max " + Report.micros(sample.max())
                + (asBytes ? "; byte[] payload" : "; String payload") + (refused > 0 ? "; " + Report.count(refused)
                + " calls returned false" : "") + "); stats after close: " + stats(type, publisher);
    }

    /** {@code publish(type, id, payloadJson)}: the byte[] form when there is one (the bench's payload is bytes), else String. */
    private static Method publishMethod(Class<?> type) throws NoSuchMethodException {
        for (Class<?> payload : new Class<?>[] {byte[].class, String.class}) {
            try {
                return type.getMethod("publish", String.class, String.class, payload);
            } catch (NoSuchMethodException next) {
                // try the other payload form
            }
        }
        throw new NoSuchMethodException(CLASS + ".publish(String type, String id, byte[]|String payloadJson)");
    }

    private static void call(Method publish, Object publisher, boolean asBytes, byte[] bytes)
            throws ReflectiveOperationException {
        publish.invoke(publisher, BenchPublisher.EVENT_TYPE, null,
                asBytes ? bytes : new String(bytes, StandardCharsets.US_ASCII));
    }

    private static void close(Object publisher) throws IOException {
        if (publisher instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("closing the publisher: " + e, e);
            }
        }
    }

    private static String stats(Class<?> type, Object publisher) {
        try {
            return String.valueOf(type.getMethod("stats").invoke(publisher));
        } catch (ReflectiveOperationException none) {
            return "n/a";
        }
    }
}
