package dev.evbus.consume;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a forked bus refused to start, as it said in its log: a consumer that started the bus relays
 * the reason ({@code apps/x.json: sources.htp: unknown source kind; did you mean http?}) rather
 * than only "see bus.log". The bus writes its refusal as {@code … WARN not starting: <reason>}
 * (and, on its standard error, which a forked bus appends to the same log, {@code evbus: <reason>}).
 */
final class BusRefusal {
    /** A refusal is one line near the end; reading more of a large log would only cost time. */
    private static final int TAIL_BYTES = 64 * 1024;
    /** One relayed line at most this long, so a log cannot flood the terminal. */
    private static final int MAX_REASON = 2_000;
    private static final String MARKER = " WARN not starting: ";
    private static final String STDERR = "evbus: ";

    private BusRefusal() {
    }

    /** The reason in what {@code log} gained from byte {@code from} on, or empty when it holds none. */
    static Optional<String> read(Path log, long from) {
        String tail;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            tail = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        String reason = null;
        for (String line : tail.split("\n")) {
            int marker = line.indexOf(MARKER);
            if (line.startsWith(STDERR)) {
                reason = line.substring(STDERR.length());
            } else if (marker >= 0 && reason == null) {
                reason = line.substring(marker + MARKER.length());
            }
        }
        if (reason == null || reason.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…");
    }

    /** Where the log ends now: what a bus forked next writes comes after it. */
    static long end(Path log) {
        return log.toFile().length();
    }
}
