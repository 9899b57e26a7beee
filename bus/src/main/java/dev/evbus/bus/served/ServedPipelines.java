package dev.evbus.bus.served;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.StatusParts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pipelines the app's bus runs itself ({@code pipelines} in the app's config), each as a
 * supervised consumer process ({@link ServedPipeline}). They run whether or not anyone is attached,
 * and their effects happen once per event however many consumers tap their output. Started once
 * the bus takes connections, stopped before it closes them, and replaced one by one by a reload.
 */
public final class ServedPipelines {
    /** Builds a consume command line from the arguments after {@code consume}. */
    public interface Launcher extends Function<List<String>, List<String>> {
    }

    private final Launcher launcher;
    private final Map<String, String> env;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final TimeSource clock;
    /** What a key's definition is now (its file's path, size and time): a reload restarts a pipeline whose key changed. */
    private final Function<String, String> keyVersion;
    /** By name, in config order; replaced whole under this object's lock, read by status queries. */
    private volatile Map<String, ServedPipeline> running = Map.of();
    /** The key version each running pipeline started with; guarded by this object's lock. */
    private final Map<String, String> startedWith = new java.util.HashMap<>();

    public ServedPipelines(Launcher launcher, Map<String, String> env, Consumer<String> info, Consumer<String> warn,
                           TimeSource clock, Function<String, String> keyVersion) {
        this.keyVersion = keyVersion;
        this.launcher = launcher;
        this.env = Map.copyOf(env);
        this.info = info;
        this.warn = warn;
        this.clock = clock;
    }

    /** Starts every pipeline of {@code specs}. */
    public synchronized void start(List<PipelineSpec> specs) {
        Map<String, ServedPipeline> next = new LinkedHashMap<>();
        for (PipelineSpec spec : specs) {
            next.put(spec.name(), launch(spec));
        }
        running = next;
    }

    private ServedPipeline launch(PipelineSpec spec) {
        startedWith.put(spec.name(), keyVersion.apply(spec.key()));
        ServedPipeline pipeline = new ServedPipeline(spec, launcher, env, info, warn, clock);
        pipeline.start();
        return pipeline;
    }

    /**
     * A reload: pipelines whose spec or key file changed, or that went, stop; changed and new ones
     * start; the others run on. Returns the names of those (re)started or stopped.
     */
    public synchronized List<String> replace(List<PipelineSpec> specs) {
        Map<String, ServedPipeline> before = running;
        Map<String, ServedPipeline> next = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        for (PipelineSpec spec : specs) {
            ServedPipeline kept = before.get(spec.name());
            if (kept != null && Objects.equals(kept.spec(), spec)
                    && Objects.equals(startedWith.get(spec.name()), keyVersion.apply(spec.key()))) {
                next.put(spec.name(), kept);
            } else {
                if (kept != null) {
                    kept.stop();
                }
                next.put(spec.name(), launch(spec));
                changed.add(spec.name());
            }
        }
        for (ServedPipeline old : before.values()) {
            if (!next.containsKey(old.spec().name())) {
                old.stop();
                changed.add(old.spec().name());
            }
        }
        running = next;
        return changed;
    }

    /** Stops them all (each commits its cursor and exits as on a signal); before the bus closes its connections. */
    public synchronized void stop() {
        running.values().forEach(ServedPipeline::stop);
    }

    /** Each pipeline as {@code status} shows it, from the attached consumers and the named cursors of the same answer. */
    public List<StatusParts.PipelineStatus> status(List<StatusParts.ConsumerStatus> attached,
                                                   List<StatusParts.CursorStatus> cursors) {
        List<StatusParts.PipelineStatus> list = new ArrayList<>();
        for (ServedPipeline pipeline : running.values()) {
            PipelineSpec spec = pipeline.spec();
            StatusParts.ConsumerStatus consumer = pipeline.pid() == 0 ? null
                    : attached.stream().filter(c -> c.pid() == pipeline.pid()).findFirst().orElse(null);
            StatusParts.CursorStatus cursor = cursors.stream().filter(c -> c.name().equals(spec.cursor()))
                    .findFirst().orElse(null);
            long position = cursor == null ? 0 : cursor.offset();
            long last = cursor == null ? 0 : cursor.offset() + cursor.lag();
            // The cursor moves only past events the pipeline selected; the reader has looked past
            // the others too, so the lag counts only what is still to read.
            long lag = cursor == null ? 0 : consumer == null ? cursor.lag()
                    : Math.max(0, last - Math.max(position, consumer.position() - 1));
            list.add(new StatusParts.PipelineStatus(spec.name(), spec.key(), pipeline.state().name().toLowerCase(java.util.Locale.ROOT),
                    pipeline.pid(), pipeline.restarts(), position, lag, consumer == null ? null : consumer.pipeline(),
                    pipeline.lastError()));
        }
        return list;
    }
}
