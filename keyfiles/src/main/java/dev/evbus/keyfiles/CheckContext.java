package dev.evbus.keyfiles;

import dev.evbus.event.APIClient;
import dev.evbus.config.ApiClients;
import dev.evbus.event.ParamDef;
import dev.evbus.event.Params;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.ParamsJson;
import dev.evbus.pipeline.Reports;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.jq.JqLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context a key file's stages are compiled in at {@code keys check} and at load: the params'
 * defaults (a param without one is null, so stages skip what only a consumer can resolve), the
 * file's directory, and nothing that acts: no event flows, so the API, the dead letters, the bus
 * and the clock are inert.
 */
final class CheckContext {
    private static final APIClient NO_API = ApiClients.none("check", "no API calls while a key file is checked");
    /** Stopped at the epoch: nothing runs while a file is checked, so nothing may depend on the time. */
    private static final TimeSource STOPPED = new TimeSource() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH;
        }
    };

    private CheckContext() {
    }

    static StageContext of(String key, List<ParamDef> params, Path baseDir, LoadedFiles files, JqLimits limits) {
        Params defaults = defaults(params);
        return new StageContext(key, "check", defaults, ParamsJson.of(params, defaults), baseDir, NO_API,
                STOPPED, duration -> { }, files, letter -> { },
                (type, id, payload) -> { }, (item, problem) -> { }, Reports.NONE, new Counters(), limits);
    }

    static Params defaults(List<ParamDef> params) {
        Map<String, String> values = new LinkedHashMap<>();
        params.stream().filter(param -> param.defaultValue() != null)
                .forEach(param -> values.put(param.name(), param.defaultValue()));
        return Params.of(values);
    }
}
