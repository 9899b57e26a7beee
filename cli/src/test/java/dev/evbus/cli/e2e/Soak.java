package dev.evbus.cli.e2e;

/**
 * Sizes of the soak suites (fuzz, churn, chaos, scale). {@code bin/test} runs their quick form;
 * {@code bench/soak SUITE} runs the long form by setting {@code -Devbus.soak=long}. Each suite
 * prints its figures as {@code [soak] SUITE name=value ...} lines, which {@code bench/soak} collects.
 */
final class Soak {
    private Soak() {
    }

    static boolean longForm() {
        return "long".equals(System.getProperty("evbus.soak"));
    }

    /** The quick size in {@code bin/test}, the long size under {@code bench/soak}. */
    static int size(int quick, int longForm) {
        return longForm() ? longForm : quick;
    }

    /** Prints one figures line of a suite, e.g. {@code figures("fuzz", "frames=100000", "bus_died=0")}. */
    static void figures(String suite, String... figures) {
        System.out.println("[soak] " + suite + " " + (longForm() ? "long" : "quick") + " " + String.join(" ", figures));
        System.out.flush();
    }
}
