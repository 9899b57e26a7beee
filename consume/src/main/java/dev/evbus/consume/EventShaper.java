package dev.evbus.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.event.APIClient;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.event.ProcessHook;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.jq.JqJson;

/**
 * The per-event path, match → process (or the key's pipeline) → jq → sink. Keys without a process
 * hook, a pipeline and jq take a byte-level path that never parses the payload. Safe for several
 * workers at once: only sink writes are serialised (and a pipeline serialises itself).
 */
final class EventShaper {
    /** For what jq reads and writes: numbers kept as written, computed ones printed as jq prints them. */
    private static final class Json {
        static final JqJson JQ = new JqJson();
    }

    /** For a process hook's output only, built on its first event: a mapper is slow to build. */
    private static final class Hooks {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final KeyDefinition key;
    private final Params params;
    private final APIClient api;
    private final JqFilter jq;
    /** --raw-output: a document that is a JSON string is written as its text, as {@code jq -r} does. */
    private final boolean rawOutput;
    private final Sink sink;
    private final PrintStream err;
    private final Optional<ProcessHook> process;
    /** The key's stages, or null; its output comes back through {@link #emit}. */
    private final KeyPipeline pipeline;
    /** Set with --batch / --batch-window; the same object as {@code sink} then. */
    private final BatchingSink batching;
    /** Told of every document written, on the writing thread (the reader, a worker or the output clock). */
    private volatile Runnable onOutput = () -> { };

    EventShaper(KeyDefinition key, Params params, APIClient api, JqFilter jq, boolean rawOutput, Sink sink, PrintStream err,
            PipelineStart pipelineStart) throws ConsumeFailure {
        this.key = key;
        this.params = params;
        this.api = api;
        this.jq = jq;
        this.rawOutput = rawOutput;
        this.sink = sink;
        this.batching = sink instanceof BatchingSink batches ? batches : null;
        this.err = err;
        this.process = key.process();
        this.pipeline = key.pipeline().isPresent() ? pipelineStart.start(item -> emit(item.value())) : null;
    }

    /** Compiles the key's pipeline with the output it must write to. */
    @FunctionalInterface
    interface PipelineStart {
        KeyPipeline start(PipelineRun.Output output) throws ConsumeFailure;
    }

    /** Whether output can appear without an event arriving (a pipeline's windows, a batch window). */
    boolean timed() {
        return pipeline != null || batching != null;
    }

    /** Counts output for --max-events: called once per document written. */
    void onOutput(Runnable listener) {
        this.onOutput = listener;
    }

    /** Lets time-driven output out. */
    void tick() throws IOException {
        if (pipeline != null) {
            pipeline.tick();
        }
        if (batching != null) {
            synchronized (sink) {
                batching.tick();
            }
        }
    }

    /** The stream ended: a pipeline emits what it holds. */
    void finish() throws IOException {
        if (pipeline != null) {
            pipeline.finish();
        }
    }

    /** The pipeline's counts, for the exited line; null for a key without one. */
    Counters pipelineCounters() {
        return pipeline == null ? null : pipeline.counters();
    }

    void closePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Returns true when the event was handed on (a pipeline may still hold it); sink failures (a closed stdout) propagate. */
    boolean shape(Message.Event event, ByteSink scratch) throws IOException {
        RawEvent raw = new RawEvent(event.eventType(), event.eventId(), event.sourceTime(), event.seq(),
                RawJson.trusted(event.payload()));
        if (!key.match().matches(raw, params)) {
            return false;
        }
        JsonNode output;
        if (pipeline != null) {
            JsonNode payload;
            try {
                payload = Json.JQ.read(event.payload());
            } catch (IOException unreadable) {
                warn(event, "payload cannot be read: " + unreadable.getMessage());
                return false;
            }
            pipeline.accept(raw, payload);
            return true;
        }
        if (process.isPresent()) {
            try {
                output = process.get().process(api, raw, params);
            } catch (Exception e) {
                warn(event, "process hook failed: " + e.getMessage());
                return false;
            }
            if (output == null) {
                return false;
            }
        } else {
            scratch.reset();
            Envelope.write(scratch, event);
            if (jq == null) {
                write(scratch.array(), 0, scratch.size());
                return true;
            }
            try {
                output = Json.JQ.read(scratch.array(), 0, scratch.size());
            } catch (IOException unreadable) {
                warn(event, "payload cannot be read: " + unreadable.getMessage());
                return false;
            }
        }
        return emit(output, event);
    }

    /** A pipeline's output document, on whichever thread the pipeline runs. */
    private void emit(JsonNode output) throws IOException {
        emit(output, null);
    }

    /** {@code event} is null for a pipeline's output, which jq wrote: its numbers are printed as jq prints them. */
    private boolean emit(JsonNode output, Message.Event event) throws IOException {
        if (jq == null) {
            byte[] bytes = rawText(output);
            if (bytes == null) {
                bytes = event == null ? Json.JQ.write(output) : Hooks.MAPPER.writeValueAsBytes(output);
            }
            write(bytes, 0, bytes.length);
            return true;
        }
        List<JsonNode> results;
        try {
            results = jq.apply(output);
        } catch (Exception e) {
            warn(event, "--jq failed: " + e.getMessage());
            return false;
        }
        for (JsonNode result : results) {
            byte[] bytes = rawText(result);
            if (bytes == null) {
                bytes = Json.JQ.write(result);
            }
            write(bytes, 0, bytes.length);
        }
        return !results.isEmpty();
    }

    /** The document's text when it is a JSON string and --raw-output is on (jq -r), else null: it is written as JSON. */
    private byte[] rawText(JsonNode document) {
        return rawOutput && document.isTextual() ? document.textValue().getBytes(StandardCharsets.UTF_8) : null;
    }

    /** Writes an output line made elsewhere (the pass-through path). */
    void writeLine(byte[] bytes, int offset, int length) throws IOException {
        write(bytes, offset, length);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        synchronized (sink) {
            sink.write(bytes, offset, length);
        }
        onOutput.run();
    }

    void flush() throws IOException {
        synchronized (sink) {
            sink.flush();
        }
    }

    private void warn(Message.Event event, String problem) {
        if (event == null) {
            err.println("[event] warning: " + problem.replace('\n', ' '));
            return;
        }
        String id = event.eventId() != null ? "event " + dev.evbus.protocol.JsonText.quote(event.eventId()) : "event seq " + event.seq();
        err.println("[event] warning: skipped " + id + ": " + problem.replace('\n', ' '));
    }
}
