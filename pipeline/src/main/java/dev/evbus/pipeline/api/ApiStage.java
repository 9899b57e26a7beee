package dev.evbus.pipeline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evbus.event.ApiException;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls the app's API for each item ({@code method}, a {@code path} and an optional {@code body}
 * computed by jq from the item) and puts the answer at {@code into}. Answers are cached by method,
 * path and body for {@code ttl} on the pipeline's monotonic clock, at most {@code cache_size} of
 * them; failures are not cached. A failed call fails the item, which the library's default
 * {@code on_error: pass} turns into a warning and the item going on unenriched.
 */
public final class ApiStage implements Stage {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final StageContext context;
    private final String method;
    private final JqProgram path;
    private final JqProgram body;
    private final FieldPath into;
    /** Null when {@code ttl} is 0. Touched by the pipeline's one thread at a time. */
    private final Cache<String, JsonNode> cache;

    private ApiStage(StageContext context, String method, JqProgram path, JqProgram body, FieldPath into,
            Cache<String, JsonNode> cache) {
        this.context = context;
        this.method = method;
        this.path = path;
        this.body = body;
        this.into = into;
        this.cache = cache;
    }

    /** The {@code api} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        String method = options.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            options.problem("method", "must be one of " + String.join(", ", METHODS) + ", not \"" + method + "\"");
        }
        Optional<JqProgram> path = jq(options, "path", options.requiredString("path"), context);
        Optional<JqProgram> body = options.optionalString("body").flatMap(text -> jq(options, "body", text, context));
        String intoText = options.requiredString("into");
        FieldPath into = intoText.isEmpty() ? null : FieldPath.parse(options, "into", intoText);
        Duration ttl = options.duration("ttl", Duration.ofSeconds(60));
        long size = options.integer("cache_size", 10_000);
        if (size < 1 || size > 10_000_000) {
            options.problem("cache_size", "must be between 1 and 10000000");
        }
        Cache<String, JsonNode> cache = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(Math.max(1, size))
                .expireAfterWrite(ttl)
                .ticker(context.clock()::nanoTime)
                .executor(Runnable::run) // evictions on the pipeline's thread: no pool, and tests see them at once
                .build();
        return new ApiStage(context, method, path.orElse(null), body.orElse(null), into, cache);
    }

    private static Optional<JqProgram> jq(Options options, String option, String text, StageContext context) {
        return text.isEmpty() ? Optional.empty() : JqProgram.compile(options, option, text, context);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        JsonNode target = path.first(item.value(), item.envelope());
        if (target == null || !target.isTextual()) {
            throw new StageFailure("path " + path.source() + " gave " + (target == null ? "no value" : target.toString())
                    + ", expected a string such as \"/users/42\"");
        }
        JsonNode payload = body == null ? null : body.first(item.value(), item.envelope());
        String key = method + ' ' + target.asText() + '\n' + (payload == null ? "" : payload.toString());
        JsonNode answer = cache == null ? null : cache.getIfPresent(key);
        if (answer == null) {
            answer = call(target.asText(), payload);
            if (cache != null) {
                cache.put(key, answer);
            }
        }
        // A copy: the cached answer must stay as the API gave it whatever later stages do.
        next.emit(item.withValue(into.with(item.value(), answer.deepCopy())));
    }

    private JsonNode call(String target, JsonNode payload) throws StageFailure {
        try {
            JsonNode answer = context.api().call(method, target, payload);
            return answer == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : answer;
        } catch (ApiException | RuntimeException failed) {
            throw new StageFailure("api " + method + " " + target + " failed: " + failed.getMessage(), failed);
        }
    }
}
