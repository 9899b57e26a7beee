package dev.evbus.cli;

import dev.evbus.pipeline.jq.BoundedJq;
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
     * For a parsed line whose start-up reaches one of these JDK classes: {@code consume --jq} with
     * an expression jackson-jq compiles, whose library makes an {@code ObjectMapper} as it does
     * ({@link JsonTask#PARSERS_AND_MAPPERS}). Null for every other line: a field chain
     * ({@code --jq .data}) is evaluated without jackson-jq (decision 0042), and events are read and
     * written without a mapper or a Jackson parser (decision 0044); a key file's stages build no
     * mapper before the ready line when their expressions are field chains, and warming one up for
     * them took a core from the main thread (0042); YAML key files are read without a Jackson
     * parser (decision 0038), {@code consume raw}, {@code publish}, {@code status} and {@code stop}
     * read their frames without one, and {@code --version} reads nothing; null too for a line
     * {@link FastArgs} left to picocli. A {@code .json} key file is read by Jackson's parser, and so
     * initialises {@code BigDecimal} on the main thread.
     */
    static JsonTask jsonTask(FastArgs.Line line) {
        if (line == null || line.version() || !"consume".equals(line.command().name())) {
            return null;
        }
        String jq = line.values().get("--jq");
        return jq != null && !BoundedJq.isFieldChain(jq) ? JsonTask.PARSERS_AND_MAPPERS : null;
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
