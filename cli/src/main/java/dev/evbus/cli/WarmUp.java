package dev.evbus.cli;

import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.transport.UnixSockets;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.Set;

/**
 * One-time JDK set-up a command's main thread would otherwise wait for, started on spare threads
 * as soon as the command is known. Every command is a fresh JVM, so start-up is its latency,
 * and class initialisation is the one part of start-up an AOT cache does not keep.
 *
 * <p>Each task initialises JDK classes only, whose initialisers never call back into evbus or a
 * library: the main thread reaching one of them meanwhile waits for it, and no lock order between
 * the two threads can close a cycle. What a task initialises is used by the command whichever
 * thread gets there first, so a task that loses the race costs only its CPU.
 */
final class WarmUp {
    private static final Set<String> TALKS_TO_A_BUS = Set.of("consume", "publish", "status", "stop", "_bus");

    private WarmUp() {
    }

    /**
     * For a command that talks to a bus, the JDK's Unix-domain socket set-up (its SecureRandom,
     * 12 ms), started before the command line is parsed; null for other commands.
     */
    static Thread socketsFor(String[] args) {
        if (TALKS_TO_A_BUS.contains(String.valueOf(Main.subcommandName(args)))) {
            return Thread.ofPlatform().daemon().name("evbus-warm-up").start(UnixSockets::warmUp);
        }
        return null;
    }

    /** Starts {@link #jsonTask}'s task for {@code line}, if it has one. */
    static Thread jsonFor(FastArgs.Line line) {
        JsonTask task = jsonTask(line);
        return task == null ? null : Thread.ofPlatform().daemon().name("evbus-warm-up-json").start(task);
    }

    /**
     * For a parsed line whose start-up reaches one of these JDK classes: {@code consume --jq}
     * parses each event with Jackson and may compile its expression with jq, whose library makes
     * an {@code ObjectMapper} ({@link JsonTask#PARSERS_AND_MAPPERS}). Null for every other line: a
     * key file's stages build no mapper before the ready line when their expressions are field
     * chains ({@code .alert}), and warming one up for them took a core from the main thread
     * (decision 0042); YAML key files are read without a Jackson parser (decision 0038),
     * {@code consume raw}, {@code publish}, {@code status} and {@code stop} read their frames
     * without one, and {@code --version} reads nothing; null too for a line {@link FastArgs} left
     * to picocli. A {@code .json} key file is read by Jackson's parser, and so initialises
     * {@code BigDecimal} on the main thread.
     */
    static JsonTask jsonTask(FastArgs.Line line) {
        if (line == null || line.version()) {
            return null;
        }
        return "consume".equals(line.command().name()) && line.values().get("--jq") != null
                ? JsonTask.PARSERS_AND_MAPPERS : null;
    }

    /** Starts {@link #afterSubscribingTask}'s task for a consumer of {@code key}, if it has one, once called. */
    static Runnable afterSubscribing(String key, String jq) {
        JsonTask task = afterSubscribingTask(key, jq);
        return task == null ? () -> { } : () -> Thread.ofPlatform().daemon().name("evbus-warm-up-json").start(task);
    }

    /**
     * What a consumer of {@code key} warms up once the bus has its subscription: for a key with
     * stages (and no {@code --jq}, which warmed up at start), {@link JsonTask#MAPPERS}, which the
     * first event's path reaches (its events are read and written through an {@code ObjectMapper}).
     * After the ready line rather than at start, where it took a core from the main thread for
     * nothing the ready line needs (decision 0042); an event already waiting meets it half done.
     */
    static JsonTask afterSubscribingTask(String key, String jq) {
        boolean stages = jq == null && KeyRegistry.find(key).flatMap(KeyDefinition::pipeline).isPresent();
        return stages ? JsonTask.MAPPERS : null;
    }

    /** What a line's JSON warm-up initialises. */
    enum JsonTask implements Runnable {
        /**
         * What a Jackson parser makes the JDK initialise: {@code BigDecimal} (every parser's base
         * class holds BigDecimal constants, and on JDK 25 BigDecimal's own initialiser computes
         * 5<sup>65536</sup> for a table: 20 to 30 ms under C1). Measured in decision 0004.
         */
        PARSERS {
            @Override
            public void run() {
                BigDecimal.ONE.signum();
            }
        },
        /**
         * What {@code ObjectMapper}'s default date format makes the JDK initialise: a US-locale
         * {@code SimpleDateFormat}, its calendar and the locale providers (about 40 ms under C1).
         */
        MAPPERS {
            @Override
            public void run() {
                new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
            }
        },
        /** {@link #PARSERS}, then {@link #MAPPERS}. */
        PARSERS_AND_MAPPERS {
            @Override
            public void run() {
                PARSERS.run();
                MAPPERS.run();
            }
        }
    }
}
