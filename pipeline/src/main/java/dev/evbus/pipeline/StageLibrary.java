package dev.evbus.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every stage kind a key may name, with its factory and what it does on failure by default.
 * Immutable; {@link #standard()} is the library the README's stage reference documents.
 */
public final class StageLibrary {
    /** A kind's factory and its {@code on_error} when the key says nothing. */
    public record Entry(StageFactory factory, OnError defaultOnError) {
    }

    private final Map<String, Entry> kinds;

    private StageLibrary(Map<String, Entry> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    public static StageLibrary of(Map<String, Entry> kinds) {
        return new StageLibrary(kinds);
    }

    public static StageLibrary standard() {
        Map<String, Entry> kinds = new TreeMap<>();
        // Each stage package adds its kinds here; keep alphabetical.
        kinds.put("api", new Entry(dev.evbus.pipeline.api.ApiStage::create, OnError.PASS));
        kinds.put("batch", new Entry(dev.evbus.pipeline.batch.BatchStage::create, OnError.SKIP));
        kinds.put("classify", new Entry(dev.evbus.pipeline.stage.ClassifyStage.FACTORY, OnError.SKIP));
        kinds.put("effects", new Entry(dev.evbus.pipeline.effect.EffectsStage::create, OnError.SKIP));
        kinds.put("filter", new Entry(dev.evbus.pipeline.stage.FilterStage.FACTORY, OnError.SKIP));
        kinds.put("geoip", new Entry(dev.evbus.pipeline.geoip.GeoIpStage::create, OnError.SKIP));
        kinds.put("lookup", new Entry(dev.evbus.pipeline.lookup.LookupStage.FACTORY, OnError.SKIP));
        kinds.put("metrics", new Entry(dev.evbus.pipeline.metrics.MetricsStage::create, OnError.SKIP));
        kinds.put("route", new Entry(dev.evbus.pipeline.stage.RouteStage.FACTORY, OnError.SKIP));
        kinds.put("set", new Entry(dev.evbus.pipeline.stage.SetStage.FACTORY, OnError.SKIP));
        kinds.put("transform", new Entry(dev.evbus.pipeline.stage.TransformStage.FACTORY, OnError.SKIP));
        kinds.put("validate", new Entry(dev.evbus.pipeline.stage.ValidateStage.FACTORY, OnError.SKIP));
        kinds.put("window", new Entry(dev.evbus.pipeline.window.WindowStage::create, OnError.SKIP));
        return new StageLibrary(kinds);
    }

    /** This library with {@code kind} made by {@code entry} instead (a rehearsal's {@code effects}). */
    public StageLibrary with(String kind, Entry entry) {
        Map<String, Entry> changed = new TreeMap<>(kinds);
        changed.put(kind, entry);
        return new StageLibrary(changed);
    }

    public Optional<Entry> find(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /** Kind names, sorted, for "unknown stage" hints. */
    public String names() {
        return String.join(", ", new TreeMap<>(kinds).keySet());
    }
}
