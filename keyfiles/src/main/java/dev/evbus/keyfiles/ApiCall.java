package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.ParamDef;
import dev.evbus.event.Params;
import dev.evbus.event.SubscriptionHook;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.ParamsJson;
import dev.evbus.pipeline.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A key file's {@code pre_consume} or {@code cleanup}: one call to the app's API. {@code path} is
 * a plain path when it starts with {@code /} (where {@code ${param}} is substituted), else a jq
 * expression yielding one; {@code body} is a jq expression. Both see {@code $params}. The spec is
 * compiled again with each subscription's params (jq binds {@code $params} at compile time);
 * hooks run once per subscription, so that costs nothing that matters.
 */
record ApiCall(String field, ObjectNode spec, List<ParamDef> params) implements SubscriptionHook {
    private static final List<String> FIELDS = List.of("method", "path", "body");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    ApiCall {
        spec = spec.deepCopy();
        params = List.copyOf(params);
    }

    private record Compiled(String method, String plainPath, JqProgram path, JqProgram body) {
    }

    /** The hook at {@code /field} of a key file, checked against the params' defaults; empty when absent or broken. */
    static Optional<SubscriptionHook> read(Fields root, String field, List<ParamDef> params, JsonNode paramsJson) {
        Optional<Fields> spec = root.object(field);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        int before = root.problems().size();
        compile(spec.get(), paramsJson);
        return root.problems().size() > before ? Optional.empty() : Optional.of(new ApiCall(field, spec.get().node(), params));
    }

    private static Compiled compile(Fields spec, JsonNode paramsJson) {
        spec.rejectUnknown(FIELDS);
        Options options = new Options(spec.node(), spec.pointer(), paramsJson, spec.problems());
        String method = options.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            options.problem("method", "must be GET, POST, PUT, PATCH or DELETE, not \"" + method + "\"");
        }
        String path = options.requiredString("path");
        // The machine's clock: a hook is run through the plugin API (SubscriptionHook.run), which
        // hands it no clock, so its $now and time budget read the machine's.
        TimeSource clock = TimeSource.system();
        JqProgram pathProgram = null;
        if (!path.isEmpty() && !path.startsWith("/")) {
            pathProgram = JqProgram.compile(options, "path", path, paramsJson, clock).orElse(null);
        }
        JqProgram body = options.optionalString("body")
                .flatMap(text -> JqProgram.compile(options, "body", text, paramsJson, clock)).orElse(null);
        return new Compiled(method, path, pathProgram, body);
    }

    @Override
    public void run(APIClient api, Params values) throws Exception {
        List<Problem> problems = new ArrayList<>();
        Compiled call = compile(new Fields(spec, "/" + field, problems), ParamsJson.of(params, values));
        if (!problems.isEmpty()) {
            throw new ApiException(field + ": " + problems.get(0));
        }
        String path = call.plainPath();
        if (call.path() != null) {
            JsonNode computed = call.path().first(NullNode.getInstance(), null);
            if (computed == null || !computed.isTextual()) {
                throw new ApiException(field + ": path " + call.path().source() + " gave " + computed + ", expected a string");
            }
            path = computed.asText();
        }
        JsonNode body = call.body() == null ? null : call.body().first(NullNode.getInstance(), null);
        api.call(call.method(), path, body);
    }
}
