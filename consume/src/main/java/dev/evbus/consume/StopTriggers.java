package dev.evbus.consume;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/** The things besides the event stream that end a consume: signals, a timeout, and the parent closing stdin. */
final class StopTriggers {
    private StopTriggers() {
    }

    /**
     * The longest an orderly stop may take after a signal. Stages cannot hold it up for long (each
     * jq expression has its time limit), but a process hook or an API call of a plugin can: past this,
     * the consumer says so and exits as a second signal would, so a supervisor's stop always works.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * SIGINT/SIGTERM ask for an orderly stop; a second one, or {@link #STOP_GRACE} passing, ends the
     * process at once with 128+signal.
     */
    static void onSignals(Runnable stop, PrintStream err) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        haltAfterGrace(signal.getNumber(), err);
                        stop.run();
                    } else {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException reserved) {
                // the JVM keeps this one; its default action still ends the process
            }
        }
    }

    private static void haltAfterGrace(int signal, PrintStream err) {
        Thread.ofPlatform().daemon().name("evbus-stop-grace").start(() -> {
            try {
                Thread.sleep(STOP_GRACE);
            } catch (InterruptedException e) {
                return;
            }
            err.println("evbus: still running " + STOP_GRACE.toSeconds() + "s after the signal (a hook or a call that does not"
                    + " return); exiting now without cleanup");
            err.flush();
            Runtime.getRuntime().halt(128 + signal);
        });
    }

    static void after(Duration timeout, Runnable stop) {
        Thread.ofPlatform().daemon().name("evbus-timeout").start(() -> {
            try {
                Thread.sleep(timeout);
                stop.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Stops when stdin reaches end of file, so a parent that closes our stdin ends us. Skipped when
     * stdin is a terminal (a person is watching) or /dev/null (a background job that never meant it).
     */
    static void onStdinEof(Runnable stop) {
        if (!stdinIsPipeOrFile()) {
            return;
        }
        Thread.ofPlatform().daemon().name("evbus-stdin").start(() -> {
            byte[] discard = new byte[4096];
            // Not closed at the end: closing would free descriptor 0 for the next file this
            // process opens, which a later reader of stdin would then read instead.
            InputStream in = new FileInputStream(FileDescriptor.in);
            try {
                while (in.read(discard) >= 0) {
                    // input is not for us; we only wait for its end
                }
            } catch (IOException e) {
                // an unreadable stdin is as good as closed
            }
            stop.run();
        });
    }

    private static boolean stdinIsPipeOrFile() {
        Path fd = Path.of("/proc/self/fd/0");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return !target.startsWith("/dev/");
        } catch (IOException | UnsupportedOperationException noProc) {
            return System.console() == null;
        }
    }
}
