package dev.evbus.cli.e2e;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a console sample's commands one after the other, as a user at a terminal would, against
 * one test installation: the sample's directory is a home of its own ({@code ~}, shown as
 * {@code /home/me}) with {@code ~/.evbus} as EVBUS_HOME and the checkout's {@code examples/}
 * beside it. A command ending in {@code &} becomes a background job, {@code kill %N} sends
 * SIGTERM to job N; any other command runs in bash to its end, its stdin open and empty as a
 * terminal's. After each command the session waits until what was printed since the previous
 * one is what the sample shows under it, or fails when the patience runs out.
 */
final class SampleSession {
    static final String SHOWN_HOME = "/home/me";
    private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(60);
    private static final Pattern BACKGROUND = Pattern.compile("^(.*[^&])&\\s*(#.*)?$");
    private static final Pattern KILL = Pattern.compile("^kill %(\\d+)\\s*(#.*)?$");

    private final Evbus evbus;
    private final ConsoleSample sample;
    private final List<EvbusProcess> jobs = new ArrayList<>();
    private final List<int[]> jobRead = new ArrayList<>();

    private SampleSession(Evbus evbus, ConsoleSample sample) {
        this.evbus = evbus;
        this.sample = sample;
    }

    /** Runs the whole sample; an AssertionError names the first command whose output differs. */
    static void run(Evbus evbus, ConsoleSample sample) throws IOException {
        new SampleSession(evbus, sample).run();
    }

    private void run() throws IOException {
        Path dir = evbus.workDir();
        Files.createSymbolicLink(dir.resolve("examples"), evbus.root().resolve("examples"));
        Files.createSymbolicLink(dir.resolve(".evbus"), evbus.home());
        evbus.env("HOME", dir.toString()).env("PATH", evbus.launcher().getParent() + ":" + System.getenv("PATH"));
        if (!sample.setup().isEmpty()) {
            EvbusProcess setup = evbus.shell("CHECKOUT=" + evbus.root() + "\nset -e\n" + sample.setup());
            if (setup.awaitExit(COMMAND_PATIENCE) != 0) {
                throw new AssertionError(sample.where() + ": the sample's setup failed\n" + setup.describe());
            }
        }
        for (ConsoleSample.Step step : sample.steps()) {
            step(step);
        }
    }

    private void step(ConsoleSample.Step step) {
        List<EvbusProcess> foreground = new ArrayList<>();
        Matcher background = BACKGROUND.matcher(step.command());
        Matcher kill = KILL.matcher(step.command());
        if (kill.matches()) {
            jobs.get(Integer.parseInt(kill.group(1)) - 1).terminate();
        } else if (background.matches()) {
            jobs.add(evbus.shell("exec " + background.group(1).strip()));
            jobRead.add(new int[2]);
        } else {
            EvbusProcess command = evbus.shell(step.command());
            command.awaitExit(COMMAND_PATIENCE);
            foreground.add(command);
        }
        AtomicReference<List<List<String>>> printed = new AtomicReference<>(newLines(foreground));
        String what = "the output " + sample.page() + ":" + step.line() + " shows under `$ " + step.command() + "`";
        // only a job still running can print more: once none is, what was printed is all there is
        Poll.until(Poll.PATIENCE, what,
                () -> Interleaving.matches(step.expected(), printed.updateAndGet(old -> newLines(foreground)))
                        || jobs.stream().noneMatch(EvbusProcess::isAlive),
                () -> difference(step, printed.get()));
        jobs.stream().filter(job -> !job.isAlive()).forEach(job -> job.awaitExit(Duration.ofSeconds(5))); // their last lines read
        if (!Interleaving.matches(step.expected(), printed.updateAndGet(old -> newLines(foreground)))) {
            throw new AssertionError(what + "\n" + difference(step, printed.get()));
        }
        for (int j = 0; j < jobs.size(); j++) {
            jobRead.get(j)[0] += printed.get().get(2 * foreground.size() + 2 * j).size();
            jobRead.get(j)[1] += printed.get().get(2 * foreground.size() + 2 * j + 1).size();
        }
    }

    /** Stdout and stderr of the foreground command, then of each job since the last step; paths as the page shows them. */
    private List<List<String>> newLines(List<EvbusProcess> foreground) {
        List<List<String>> streams = new ArrayList<>();
        for (EvbusProcess command : foreground) {
            streams.add(shown(command.stdout()));
            streams.add(shown(command.stderr()));
        }
        for (int j = 0; j < jobs.size(); j++) {
            List<String> out = jobs.get(j).stdout();
            List<String> err = jobs.get(j).stderr();
            streams.add(shown(out.subList(jobRead.get(j)[0], out.size())));
            streams.add(shown(err.subList(jobRead.get(j)[1], err.size())));
        }
        return streams;
    }

    private List<String> shown(List<String> lines) {
        String home = evbus.home().toString();
        String dir = evbus.workDir().toString();
        return lines.stream().map(l -> l.replace(home, SHOWN_HOME + "/.evbus").replace(dir, SHOWN_HOME)).toList();
    }

    private String difference(ConsoleSample.Step step, List<List<String>> printed) {
        StringBuilder text = new StringBuilder("--- the page shows\n");
        step.expected().forEach(l -> text.append(l).append('\n'));
        List<String> names = new ArrayList<>();
        if (printed.size() > 2 * jobs.size()) {
            names.addAll(List.of("the command's stdout", "the command's stderr"));
        }
        for (int j = 1; j <= jobs.size(); j++) {
            names.addAll(List.of("job %" + j + " stdout", "job %" + j + " stderr"));
        }
        for (int s = 0; s < printed.size(); s++) {
            if (!printed.get(s).isEmpty()) {
                text.append("--- ").append(names.get(s)).append(" printed\n");
                printed.get(s).forEach(l -> text.append(l).append('\n'));
            }
        }
        return text.toString();
    }
}
