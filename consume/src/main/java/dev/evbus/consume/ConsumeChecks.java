package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import dev.evbus.event.APIClient;
import dev.evbus.config.ApiClients;
import dev.evbus.config.AppPaths;
import dev.evbus.event.AuthType;
import dev.evbus.event.EventTypePattern;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.ParamBinder;
import dev.evbus.event.ParamException;
import dev.evbus.event.Params;
import dev.evbus.event.SubscriptionId;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.dlq.DeadLetterStore;
import dev.evbus.protocol.JsonText;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.SocketPathTooLongException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks a consume makes before its first side effect, one method per precondition, each
 * throwing the {@link ConsumeFailure} a run ends with. A run makes them in order through
 * {@link #prepare} and stops at the first; {@code --dry-run} ({@link DryRun}) makes each one it
 * can and reports them all. Both go through these methods, so the two cannot disagree.
 */
final class ConsumeChecks {
    private final ConsumeOptions options;
    /** The consume's one clock, for the {@code --jq} budget and the key's pipeline. */
    private final TimeSource clock;

    ConsumeChecks(ConsumeOptions options, TimeSource clock) {
        this.options = options;
        this.clock = clock;
    }

    /** What the checks found, for the run to act on. */
    record Prepared(KeyDefinition key, Params normalized, JqFilter jq, AuthType identity, Path outputDir,
                    AppPaths paths, Path socket, APIClient api, List<String> routeTypes, String subscriptionId) {
    }

    /** Every check in the order a run makes them; the first that fails ends the consume. */
    Prepared prepare() throws ConsumeFailure {
        KeyDefinition key = key();
        Params params = params(key);
        JqFilter jq = jq();
        AuthType identity = identity(key);
        limits();
        Path outputDir = outputDir();
        AppPaths paths = paths();
        Path socket = socket(paths);
        APIClient api = api(identity);
        Params normalized = normalize(key, params, api);
        List<String> routeTypes = routeTypes(key, normalized);
        return new Prepared(key, normalized, jq, identity, outputDir, paths, socket, api, routeTypes,
                SubscriptionId.of(key, normalized));
    }

    KeyDefinition key() throws ConsumeFailure {
        return KeyRegistry.find(options.key()).orElseThrow(() -> ConsumeFailure.badInput(UnknownKey.message(options.key(),
                KeyRegistry.all().stream().map(KeyDefinition::key).toList())));
    }


    /** The params bound to the key's declarations: names known, required ones given, values of their types. */
    Params params(KeyDefinition key) throws ConsumeFailure {
        try {
            return ParamBinder.bind(key, options.params());
        } catch (ParamException bad) {
            throw ConsumeFailure.badInput(bad.getMessage());
        }
    }

    /** The compiled {@code --jq}, or null without one. */
    JqFilter jq() throws ConsumeFailure {
        return options.jq() == null ? null : JqFilter.compile(options.jq(), clock);
    }

    AuthType identity(KeyDefinition key) throws ConsumeFailure {
        return IdentityChoice.resolve(key, options.as());
    }

    void limits() throws ConsumeFailure {
        if (options.maxEvents() < 0) {
            throw ConsumeFailure.badInput("--max-events must not be negative");
        }
        if (options.batchSize() < 0) {
            throw ConsumeFailure.badInput("--batch must not be negative");
        }
    }

    /** {@code --output-dir} resolved and checked (see {@link DirectorySink#validate}), or null for stdout. */
    Path outputDir() throws ConsumeFailure {
        return options.outputDir() == null ? null : DirectorySink.validate(options.outputDir());
    }

    AppPaths paths() {
        return options.home().app(options.appId());
    }

    Path socket(AppPaths paths) throws ConsumeFailure {
        try {
            return SocketAddresses.forApp(paths);
        } catch (SocketPathTooLongException tooLong) {
            throw ConsumeFailure.badInput(tooLong.getMessage());
        }
    }

    APIClient api(AuthType identity) {
        return ApiClients.forApp(options.home(), options.appId(), identity, options.env());
    }

    /** The params after the key's normalize hook, frozen: what the subscription is identified by. */
    Params normalize(KeyDefinition key, Params params, APIClient api) throws ConsumeFailure {
        try {
            key.normalize().normalize(api, params);
        } catch (IllegalArgumentException bad) {
            throw ConsumeFailure.badInput(bad.getMessage());
        } catch (Exception e) {
            throw ConsumeFailure.failed("key " + key.key() + ": normalize failed: " + e.getMessage());
        }
        return params.freeze();
    }

    List<String> routeTypes(KeyDefinition key, Params normalized) throws ConsumeFailure {
        List<String> routeTypes = key.routeTypes(normalized);
        String problem = EventTypePattern.listProblem(routeTypes);
        if (problem != null) {
            throw ConsumeFailure.badInput(problem);
        }
        return routeTypes;
    }

    /**
     * The key's stages compiled against these params (a key without stages has none: null); a
     * table or database missing or a param a stage refuses fails here, before the subscription.
     */
    KeyPipeline pipeline(Prepared prepared, PipelineRun.Output output, PrintStream err) throws ConsumeFailure {
        if (prepared.key().pipeline().isEmpty()) {
            return null;
        }
        return KeyPipeline.start(prepared.key(), prepared.normalized(), prepared.api(), options.home(), options.appId(),
                options.files(), deadLetters(), output, err, clock);
    }

    /** Where a pipeline's dead letters go: {@code $EVBUS_HOME/dlq/<app>/<key>/}. */
    DeadLetterStore deadLetters() {
        return new DeadLetterStore(options.home(), options.appId());
    }
}
