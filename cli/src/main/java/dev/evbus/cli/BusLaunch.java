package dev.evbus.cli;

import dev.evbus.config.Home;
import dev.evbus.config.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts an app's bus: this same JVM binary and class path, with the small
 * heap and lean flags that keep an idle bus cheap.
 */
final class BusLaunch {
    /** What the bus needs besides its log: connections, frames in flight, Jackson, plugins. */
    private static final long BASE_HEAP_MB = 48;
    /**
     * Small initial heap, serial GC and small stacks and code cache. Measured with NMT and smaps
     * (JDK 25, 45.0 MiB in all), an idle bus's resident memory is libjvm's code and data (17.7 MiB,
     * file-backed), the ~2,000 loaded classes' metadata (12.8) and symbols (2.5; 14 and 3 for
     * ~2,240 classes, 46.8 in all, while the bus still loaded {@code java.time.format} and, before
     * its first event, Caffeine: see {@code InstantText} and {@code DedupFilter}), the heap (4), the
     * code cache (1), thread stacks (1.6), and what malloc kept from start-up (given back by the
     * periodic trim below). Tried and left out, each alone against 47.8: a 16 MiB code cache, one
     * compiler thread, 512 KiB VM and compiler thread stacks, -Xss256k (all within 0.1: the pages
     * are never touched), compact object headers (0.1), -Xmn1m or free ratios of 10-30 % (0.2 to
     * 0.3; a smaller young generation or a tighter heap means more collections under load).
     * C2 alone, without the tiered C1 stage: the bus lives long, so only its steady state matters,
     * and C1's profiled code and compiler arenas cost an idle bus 2.4 MB (51.0 → 48.6 MB measured
     * side by side); the hot path is compiled by C2 within the first ~10,000 events.
     */
    private static final List<String> JVM_FLAGS = List.of(
            "-Xms4m", "-Xss512k", "-XX:+UseSerialGC", "-XX:-TieredCompilation", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
            "-Xlog:cds=off",
            // Reflection through the JVM's native accessors: the JDK's own reflective calls on the
            // way to the bound socket (its SecureRandom's provider) would otherwise spin method
            // handle classes in a bus that still runs interpreted there. The bus runs no plugin code
            // per event (only cleanup hooks), so nothing calls reflection often (decision 0004).
            "-Djdk.reflect.useNativeAccessorOnly=true",
            // The interned-string table's buckets are allocated and zeroed at start: 65,536 of them
            // (512 KiB) by default for the ~5,300 strings an idle bus interns; 4,096 save 0.4 MiB
            // idle (47.8 → 47.4 measured alone). The table grows itself past two entries a bucket.
            "-XX:StringTableSize=4096",
            // The same for the symbol table (32,768 buckets, ~53,000 symbols at idle): 8,192 save
            // 0.2 MiB (47.8 → 47.6). It also grows on its own; the flag is experimental in JDK 21-25.
            "-XX:+UnlockExperimentalVMOptions", "-XX:SymbolTableSize=8192");
    /**
     * glibc gives each thread that mallocs its own arena, up to 8 per core, and the periodic trim
     * below returns less of many arenas than of two: 0.2 MiB idle (47.8 → 47.6), and fewer arenas
     * to fragment as connections come and go. Set through {@code env}, which execs the JVM, so the
     * bus keeps the pid that {@code serve}'s exec and the fork's {@code Process} know.
     */
    private static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX=2";
    private static final Path ENV_BINARY = Path.of("/usr/bin/env");

    private static final int TRIM_NATIVE_HEAP_MS = 5_000;
    /** The JDK's property naming its selector provider, which the launcher sets on Linux. */
    static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    private BusLaunch() {
    }

    /**
     * The bus's command line. Its heap cap grows with the app's retention (the log lives on the
     * heap) plus a quarter for the chunk being filled and the collector's slack; the heap only
     * grows as far as the log really does, so an idle bus stays small whatever the cap.
     */
    static List<String> command(Home home, String appId, Retention retention, Map<String, String> env) {
        return command(home, appId, retention, env, BusMain.BUS);
    }

    /**
     * What {@code bin/evbus serve} execs: the same JVM flags as a consumer's bus, so a served bus
     * has the heap cap and C2 a forked one has; {@link BusMain} then runs it in serve mode.
     */
    static List<String> serveCommand(Home home, String appId, Retention retention, Map<String, String> env) {
        return command(home, appId, retention, env, BusMain.SERVE);
    }

    private static List<String> command(Home home, String appId, Retention retention, Map<String, String> env,
                                        String mode) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(ENV_BINARY)) {
            command.add(ENV_BINARY.toString());
            command.add(MALLOC_ARENAS);
        }
        command.add(javaBinary());
        command.addAll(JVM_FLAGS);
        String selectorProvider = System.getProperty(SELECTOR_PROVIDER);
        if (selectorProvider != null) {
            // what bin/lib/jvm-flags.sh chose for this machine: the bus opens sockets too
            command.add("-D" + SELECTOR_PROVIDER + "=" + selectorProvider);
        }
        command.add("-Xmx" + heapMegabytes(retention) + "m");
        if (Runtime.version().feature() >= 22) {
            // a product flag from JDK 22 on: hands malloc's start-up peak back to the OS
            command.add("-XX:TrimNativeHeapInterval=" + TRIM_NATIVE_HEAP_MS);
        }
        if (Runtime.version().feature() >= 24) {
            command.add("-Xlog:aot=off"); // the tag exists from JDK 24 on; it would log cache mismatches
        }
        // A bridged bus has the NATS client on its class path too, which the cache was not trained with.
        String classPath = BridgeClassPath.of(System.getProperty("java.class.path"), home.appConfig(appId));
        String extra = env.get("EVBUS_BUS_JAVA_OPTS");
        if (extra == null || !extra.contains("-XX:AOTCacheOutput=")) {
            command.addAll(classData(classPath)); // bin/build's training bus must have no -Xshare at all
        }
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // last, so they override ours
        }
        command.add("-cp");
        command.add(classPath);
        command.add(BusMain.class.getName());
        command.add("--app");
        command.add(appId);
        command.add(mode);
        return command;
    }

    /**
     * How the bus gets its classes. With the AOT cache {@code bin/build} trains on a bus (JDK 25+),
     * its ~1,700 classes come verified, linked and already laid out, mapped where the cache was
     * written so its pages stay clean and shared: the first consumer waits for a bus to start, and
     * without the cache that start is mostly class loading and bytecode verification (measured
     * side by side on JDK 25, launch to socket: 170-340 ms with the cache, 200-760 ms without, on
     * a busy 2-core machine). The price is resident memory: the idle bus maps 13 MB of the cache,
     * so its RSS is 3.5 MB higher (49.5 against 46 MiB), though its private memory is 8 MB lower
     * (17 against 25 MiB). Without a cache, no class-data sharing at all: the JDK's default CDS
     * archive would cost an idle bus 2.8 MB more than parsing its own classes.
     */
    static List<String> classData(String classPath) {
        Path aot = busCache(classPath);
        if (aot == null) {
            return List.of("-Xshare:off");
        }
        return List.of("-XX:AOTCache=" + aot, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    /** The bus's AOT cache beside the runnable jar, when it was trained on this runtime and is newer than the jar. */
    private static Path busCache(String classPath) {
        if (Runtime.version().feature() < 25 || classPath == null || classPath.contains(java.io.File.pathSeparator)
                || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        Path aot = jar.resolveSibling("aot").resolve("bus-" + System.getProperty("java.runtime.version") + ".aot");
        try {
            return Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(jar)) > 0 ? aot : null;
        } catch (java.io.IOException none) {
            return null;
        }
    }

    static long heapMegabytes(Retention retention) {
        return BASE_HEAP_MB + (retention.maxBytes() + retention.maxBytes() / 4 + (1 << 20) - 1) / (1 << 20);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
