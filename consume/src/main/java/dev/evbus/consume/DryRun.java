package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import dev.evbus.busctl.BusControl;
import dev.evbus.event.APIClient;
import dev.evbus.config.AppPaths;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.event.SubscriptionId;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.protocol.Refusals;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code consume KEY --dry-run}: every precondition of a run checked through the run's own
 * {@link ConsumeChecks}, reported with what a run would read and write. It starts nothing (the
 * bus is only asked for its status, a read-only query) and writes nothing: the key's tables and
 * databases are checked without being loaded, and no directory is made.
 */
public final class DryRun {
    private final ConsumeOptions options;
    private final ConsumeChecks checks;
    private final PrintStream err;
    private final List<Precondition> preconditions = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();

    private DryRun(ConsumeOptions options, List<Precondition> earlier, PrintStream err, TimeSource clock) {
        this.options = options;
        this.checks = new ConsumeChecks(options, clock);
        this.err = err;
        preconditions.addAll(earlier);
    }

    /**
     * The report for {@code options}; {@code earlier} are what the command line's own checks
     * found ({@code --since}, the app's config), which come first.
     */
    public static DryRunReport check(ConsumeOptions options, List<Precondition> earlier, PrintStream err,
            TimeSource clock) {
        return new DryRun(options, earlier, err, clock).report();
    }

    /** A check that throws the failure a run would end with. */
    @FunctionalInterface
    private interface Check<T> {
        T run() throws ConsumeFailure;
    }

    /** Runs {@code check}: the value, or null once it is recorded as blocked. */
    private <T> T attempt(String name, Check<T> check, Function<T, String> detail) {
        try {
            T value = check.run();
            preconditions.add(Precondition.ok(name, detail.apply(value)));
            return value;
        } catch (ConsumeFailure failure) {
            preconditions.add(Precondition.blocked(name, failure.getMessage()));
            return null;
        }
    }

    private void skipped(String name, String needs) {
        preconditions.add(new Precondition(name, Precondition.Status.SKIPPED, "not checked: needs " + needs));
    }

    private DryRunReport report() {
        KeyDefinition key = attempt("key", checks::key, this::origin);
        Params params = key == null ? null : attempt("params", () -> checks.params(key), bound -> listed(bound.asMap()));
        if (key == null) {
            skipped("params", "the key");
        }
        attempt("jq", checks::jq, jq -> options.jq() == null ? "no --jq" : "compiles: " + options.jq());
        AuthType identity = key == null ? null : attempt("identity", () -> checks.identity(key), AuthType::wireName);
        if (key == null) {
            skipped("identity", "the key");
        }
        attempt("limits", () -> {
            checks.limits();
            return null;
        }, none -> "max-events " + options.maxEvents() + ", batch " + options.batchSize());
        attempt("output", checks::outputDir, this::output);
        AppPaths paths = checks.paths();
        Path socket = attempt("socket", () -> checks.socket(paths), Path::toString);
        ConsumeChecks.Prepared prepared = null;
        if (params == null || identity == null) {
            skipped("subscription", "the key, its params and identity");
            skipped("stages", "the subscription");
        } else {
            prepared = subscription(key, params, identity, paths, socket);
        }
        Optional<Message.StatusResponse> bus = socket == null ? null : bus(paths, socket);
        if (options.durable() != null) {
            cursor(prepared, bus);
        }
        if (key != null && key.singleConsumer()) {
            singleConsumer(key, prepared, bus);
        }
        return new DryRunReport(options.key(), preconditions, reads, writes, new SecretParams(options.params()));
    }

    private String origin(KeyDefinition key) {
        if (!key.origin().equals("built-in")) {
            reads.add("key definition " + key.origin());
        }
        return key.key() + " (" + key.origin() + ")";
    }

    private static String listed(Map<String, String> params) {
        return params.isEmpty() ? "none given" : params.entrySet().stream()
                .map(param -> SecretParams.shown(param.getKey(), param.getValue())).collect(Collectors.joining(", "));
    }

    private String output(Path dir) {
        if (dir == null) {
            writes.add("stdout (NDJSON)");
            return "stdout";
        }
        writes.add("directory " + dir + " (one file per event" + (options.batching() ? " batch" : "") + ")");
        return dir + (Files.isDirectory(dir) ? " (exists, writable)" : " (would be created)");
    }

    /** The params normalized, the event types routed and the stages compiled, as a run would before it subscribes. */
    private ConsumeChecks.Prepared subscription(KeyDefinition key, Params params, AuthType identity, AppPaths paths, Path socket) {
        APIClient api = checks.api(identity);
        ConsumeChecks.Prepared prepared = attempt("subscription", () -> {
            Params normalized = checks.normalize(key, params, api);
            List<String> routeTypes = checks.routeTypes(key, normalized);
            return new ConsumeChecks.Prepared(key, normalized, null, identity, null, paths, socket, api, routeTypes,
                    SubscriptionId.of(key, normalized));
        }, ready -> "id " + ready.subscriptionId() + ", event types " + ready.routeTypes());
        if (prepared == null) {
            skipped("stages", "the subscription");
            return null;
        }
        attempt("stages", () -> {
            KeyPipeline pipeline = checks.pipeline(prepared, item -> { }, err);
            if (pipeline != null) {
                pipeline.close();
            }
            return pipeline == null ? 0 : key.pipeline().orElseThrow().stages().size();
        }, stages -> stages == 0 ? "the key has no stages" : stages + " stage(s) compile with these params");
        options.files().requested().forEach(file -> reads.add("file " + file));
        if (key.pipeline().isPresent()) {
            writes.add("dead letters " + checks.deadLetters().keyDir(key.key()) + " (only if an event is dead-lettered)");
        }
        return prepared;
    }

    /** The bus's status, a read-only query: present when it runs, empty when a run would start it, null when unreachable. */
    private Optional<Message.StatusResponse> bus(AppPaths paths, Path socket) {
        try {
            Optional<Message.StatusResponse> status = BusControl.status(socket);
            if (status.isPresent()) {
                reads.add("bus socket " + socket);
                preconditions.add(Precondition.ok("bus", "running, pid " + status.get().pid() + ", socket " + socket
                        + ", log " + paths.logFile()));
            } else {
                preconditions.add(new Precondition("bus", Precondition.Status.WOULD_START, "not running: a run would start it"
                        + " (socket " + socket + ", log " + paths.logFile() + ")"));
                writes.add("bus files in " + paths.dir() + " (socket, log, pid and lock files of the bus it would start)");
            }
            return status;
        } catch (IOException e) {
            preconditions.add(Precondition.blocked("bus", "cannot reach the bus on " + socket + ": " + e.getMessage()));
            return null;
        }
    }

    private void cursor(ConsumeChecks.Prepared prepared, Optional<Message.StatusResponse> bus) {
        String name = options.durable();
        if (prepared == null || bus == null) {
            skipped("cursor", prepared == null ? "the subscription" : "the bus");
            return;
        }
        writes.add("cursor " + JsonText.quote(name) + " (kept by the bus)");
        if (bus.isEmpty()) {
            preconditions.add(Precondition.ok("cursor", JsonText.quote(name) + ": the bus it starts has it from "
                    + checks.paths().cursorsFile() + " if the log is durable, else it is new"));
            return;
        }
        Optional<StatusParts.CursorStatus> found = bus.get().cursors().stream().filter(c -> c.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            preconditions.add(Precondition.ok("cursor", JsonText.quote(name) + ": new"));
            return;
        }
        StatusParts.CursorStatus cursor = found.get();
        if (!cursor.subscriptionId().equals(prepared.subscriptionId())) {
            preconditions.add(Precondition.blocked("cursor", ConsumerSession.refusal(
                    Refusals.cursorOfAnotherSubscription(name, cursor.subscriptionId(), cursor.eventKey()))));
        } else if (cursor.attachedPid() > 0) {
            preconditions.add(Precondition.blocked("cursor",
                    ConsumerSession.refusal(Refusals.cursorInUse(name, cursor.attachedPid()))));
        } else {
            preconditions.add(Precondition.ok("cursor", JsonText.quote(name) + ": at offset " + cursor.offset()
                    + " (lag " + cursor.lag() + "), resumes after it"));
        }
    }

    private void singleConsumer(KeyDefinition key, ConsumeChecks.Prepared prepared, Optional<Message.StatusResponse> bus) {
        if (prepared == null || bus == null) {
            skipped("single-consumer", prepared == null ? "the subscription" : "the bus");
            return;
        }
        Optional<StatusParts.ConsumerStatus> holder = bus.stream().flatMap(status -> status.consumers().stream())
                .filter(consumer -> consumer.subscriptionId().equals(prepared.subscriptionId())).findFirst();
        preconditions.add(holder.map(consumer -> Precondition.blocked("single-consumer", ConsumerSession.refusal(
                        Refusals.singleConsumerTaken(key.key(), consumer.pid()))))
                .orElseGet(() -> Precondition.ok("single-consumer", "no consumer of this subscription yet")));
    }
}
