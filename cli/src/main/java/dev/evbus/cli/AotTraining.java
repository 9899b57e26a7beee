package dev.evbus.cli;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run behind one of {@code bin/build}'s AOT caches (JDK 25+): runs several evbus
 * command lines, separated by {@code ---}, one after another in this one JVM. The JDK records a
 * cache from a single run, and a role's cache should hold the classes of every command the
 * launcher starts with it ({@code status} and {@code list} as well as {@code --version}), so the
 * commands share a run. Output is discarded: only what the commands load and link matters.
 */
public final class AotTraining {
    static final String SEPARATOR = "---";

    private AotTraining() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = System.out;
        System.setOut(discard);
        int failed = 0;
        for (List<String> command : commands(args)) {
            String[] line = command.toArray(String[]::new);
            int status = Main.start(line, discard, true);
            if (status != ExitCodes.OK) {
                // a command that failed trained only part of its path (a key file that does not
                // parse trains no pipeline): bin/build shows this line
                System.err.println("AOT training: `evbus " + String.join(" ", line) + "` exited " + status);
                failed++;
            }
        }
        System.setOut(out);
        // Ends as Main ends (halt, not System.exit): the cache holds every class the run loaded,
        // and System.exit's logging framework (about 40 classes) would be loaded, and take
        // memory, at every start of a command that never uses it. The JVM writes the cache on halt too.
        Runtime.getRuntime().halt(failed == 0 ? 0 : 1);
    }

    static List<List<String>> commands(String[] args) {
        List<List<String>> commands = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(SEPARATOR)) {
                if (i > start) {
                    commands.add(List.copyOf(Arrays.asList(args).subList(start, i)));
                }
                start = i + 1;
            }
        }
        return List.copyOf(commands);
    }
}
