package dev.evbus.cli;

import java.nio.file.Path;

/** Run by {@link BridgeClassPathTest} in a fresh JVM: asks whether the app config at {@code args[0]} has a bridge. */
final class BridgeProbe {
    private BridgeProbe() {
    }

    public static void main(String[] args) {
        System.out.println(BridgeClassPath.bridged(Path.of(args[0])));
    }
}
