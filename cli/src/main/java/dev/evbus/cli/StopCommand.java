package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.busctl.BusControl;
import dev.evbus.busdiscover.FileLocks;
import dev.evbus.busdiscover.LockHolders;
import dev.evbus.busdiscover.PidFile;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code evbus stop}: ask a bus (or all) to exit; refuses while consumers are attached unless forced. */
final class StopCommand implements Callable<Integer> {
    private static final long EXIT_PATIENCE_MS = 5_000;
    private static final long KILL_PATIENCE_MS = 3_000;
    /**
     * How often to look whether the bus let go of its alive lock: {@code stop} returns that long
     * after the bus exits, at worst. A look is one tryLock on the lock file.
     */
    private static final long POLL_MS = 10;

    // Which buses: one app by id, or all of them (an exclusive group: at most one of the two).
    static final CommandDef DEF = new CommandDef("stop", "Stop the app's bus (refused while consumers are attached, unless --force).",
            null,
            List.of(OptionDef.flag("--force", "Stop even with consumers attached; kill a bus that does not exit in time."),
                    OptionDef.json("Print the results as JSON.")),
            List.of(OptionDef.text("--app-id", "ID", "Stop this app's bus instead of the selected app's."),
                    OptionDef.flag("--all", "Stop every running bus.")),
            StopCommand::new);

    private final Main main;
    private final OptionValues parsed;

    private StopCommand(Main main, OptionValues parsed) {
        this.main = main;
        this.parsed = parsed;
    }

    /** What happened to one bus. */
    record Outcome(String app, String result, Long pid, int consumers, String message) {
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        // options in a group that was not given keep no value, not even their initial one
        boolean all = Boolean.TRUE.equals(parsed.get("--all"));
        String appId = parsed.get("--app-id");
        List<BusInspection> buses;
        if (all) {
            buses = BusInspection.all(context.home()).stream()
                    .filter(bus -> bus.state() != BusInspection.State.NOT_RUNNING).toList();
        } else {
            String app = appId != null ? Main.checkedAppId(appId) : context.appId();
            buses = List.of(BusInspection.of(context.home().app(app)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (BusInspection bus : buses) {
            outcomes.add(stop(bus, context.clock()));
        }
        report(outcomes, context);
        if (outcomes.stream().anyMatch(o -> o.result().equals("refused"))) {
            return ExitCodes.BAD_INPUT;
        }
        return outcomes.stream().anyMatch(o -> o.result().equals("failed")) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private Outcome stop(BusInspection bus, TimeSource clock) {
        boolean force = parsed.get("--force");
        Long pid = bus.pid().orElse(null);
        switch (bus.state()) {
            case NOT_RUNNING -> {
                return new Outcome(bus.app(), "not_running", null, 0, "no bus running");
            }
            case ORPHAN -> {
                if (!force) {
                    return new Outcome(bus.app(), "refused", pid, 0,
                            "the bus holds its lock but does not answer; use --force to kill it");
                }
                return kill(bus, pid, 0, clock);
            }
            default -> { }
        }
        // The bus decides: the status read above may already be stale.
        Optional<Message.ShutdownAck> answer;
        try {
            answer = BusControl.shutdown(bus.socket(), force);
        } catch (IOException gone) {
            answer = Optional.empty(); // it may have exited by itself meanwhile; the lock tells
        }
        int consumers = answer.map(a -> a.consumers().size()).orElse(bus.consumerCount());
        if (answer.isPresent() && !answer.get().stopping()) {
            String pids = answer.get().consumers().stream().map(String::valueOf).collect(Collectors.joining(", "));
            return new Outcome(bus.app(), "refused", pid, consumers,
                    consumers + " consumer(s) attached (pid " + pids + "); use --force to stop it anyway");
        }
        long patience = EXIT_PATIENCE_MS + answer.map(Message.ShutdownAck::waitMs).orElse(0L);
        if (waitForExit(bus, patience, clock)) {
            return new Outcome(bus.app(), "stopped", pid, consumers, "stopped");
        }
        return force ? kill(bus, pid, consumers, clock) : new Outcome(bus.app(), "failed", pid, consumers,
                "the bus did not exit within " + patience / 1000 + " s; use --force to kill it");
    }

    /**
     * SIGKILL for the process holding the bus's alive lock, and only for it: a pid read from
     * {@code bus.pid} or a status answer may since have been reused by another process.
     */
    private Outcome kill(BusInspection bus, Long pid, int consumers, TimeSource clock) {
        try {
            if (!FileLocks.isHeldElsewhere(bus.paths().aliveLock())) {
                return new Outcome(bus.app(), "stopped", pid, consumers, "stopped");
            }
            if (pid == null) {
                return new Outcome(bus.app(), "failed", null, consumers, "cannot find the bus process to kill: no "
                        + bus.paths().pidFile().getFileName());
            }
            if (!LockHolders.holds(pid, bus.paths().aliveLock(), startedAt(bus, pid))) {
                return new Outcome(bus.app(), "refused", pid, consumers, "pid " + pid + " does not hold "
                        + bus.paths().aliveLock().getFileName() + ", so it is not the bus (its pid was reused?): not killing it");
            }
        } catch (IOException unreadable) {
            return new Outcome(bus.app(), "failed", pid, consumers, "cannot tell which process is the bus: "
                    + unreadable.getMessage());
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return new Outcome(bus.app(), "failed", pid, consumers, "cannot find the bus process to kill");
        }
        process.get().destroyForcibly();
        if (waitForExit(bus, KILL_PATIENCE_MS, clock)) {
            return new Outcome(bus.app(), "killed", pid, consumers, "killed");
        }
        return new Outcome(bus.app(), "failed", pid, consumers, "the bus survived SIGKILL");
    }

    /** When the bus with this pid started, by its PID file or its status; the epoch when neither says. */
    private static Instant startedAt(BusInspection bus, long pid) {
        Optional<Instant> fromFile = bus.pidFile().filter(file -> file.pid() == pid).map(PidFile::startedAt);
        Optional<Instant> fromStatus = bus.status().filter(status -> status.pid() == pid).flatMap(status -> {
            try {
                return Optional.of(Instant.parse(status.startedAt()));
            } catch (RuntimeException unparsable) {
                return Optional.empty();
            }
        });
        return fromFile.or(() -> fromStatus).orElse(Instant.EPOCH);
    }

    private static boolean waitForExit(BusInspection bus, long patienceMillis, TimeSource clock) {
        long deadline = clock.nanoTime() + patienceMillis * 1_000_000;
        while (clock.nanoTime() - deadline < 0) {
            try {
                if (!FileLocks.isHeldElsewhere(bus.paths().aliveLock())) {
                    return true;
                }
                Thread.sleep(POLL_MS);
            } catch (IOException unreadable) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void report(List<Outcome> outcomes, Context context) throws IOException {
        if (parsed.get("--json")) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode list = root.putArray("results");
            for (Outcome o : outcomes) {
                ObjectNode node = list.addObject().put("app", o.app()).put("result", o.result());
                if (o.pid() != null) {
                    node.put("pid", o.pid());
                }
                node.put("consumers", o.consumers()).put("message", o.message());
            }
            System.out.println(JsonText.write(root));
            return;
        }
        if (outcomes.isEmpty()) {
            System.out.println("no buses running");
        }
        for (Outcome o : outcomes) {
            String line = "app " + o.app() + ": " + o.result() + (o.pid() != null ? " (pid " + o.pid() + ")" : "")
                    + (o.message().equals(o.result()) ? "" : ": " + o.message());
            if (o.result().equals("refused") || o.result().equals("failed")) {
                context.err().println("evbus: " + line);
            } else {
                System.out.println(line);
            }
        }
    }
}
