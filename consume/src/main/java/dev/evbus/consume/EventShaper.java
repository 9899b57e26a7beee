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
import java.util.List;
import java.util.Optional;

/**
 * The per-event pipeline, match → process → jq → sink. Keys without a process hook and without
 * jq take a byte-level path that never parses the payload. Safe for several workers at once:
 * only sink writes are serialised.
 */
final class EventShaper {
    /** Built on first use: the pass-through path never needs one, and a mapper is slow to build. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final KeyDefinition key;
    private final Params params;
    private final APIClient api;
    private final JqFilter jq;
    private final Sink sink;
    private final PrintStream err;
    private final Optional<ProcessHook> process;

    EventShaper(KeyDefinition key, Params params, APIClient api, JqFilter jq, Sink sink, PrintStream err) {
        this.key = key;
        this.params = params;
        this.api = api;
        this.jq = jq;
        this.sink = sink;
        this.err = err;
        this.process = key.process();
    }

    /** Returns true when the event produced output; sink failures (a closed stdout) propagate. */
    boolean shape(Message.Event event, ByteSink scratch) throws IOException {
        RawEvent raw = new RawEvent(event.eventType(), event.eventId(), event.sourceTime(), event.seq(),
                RawJson.trusted(event.payload()));
        if (!key.match().matches(raw, params)) {
            return false;
        }
        JsonNode output;
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
            output = Json.MAPPER.readTree(scratch.array(), 0, scratch.size());
        }
        if (jq == null) {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(output);
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
            byte[] bytes = Json.MAPPER.writeValueAsBytes(result);
            write(bytes, 0, bytes.length);
        }
        return !results.isEmpty();
    }

    /** Writes an output line made elsewhere (the pass-through path). */
    void writeLine(byte[] bytes, int offset, int length) throws IOException {
        write(bytes, offset, length);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        synchronized (sink) {
            sink.write(bytes, offset, length);
        }
    }

    void flush() throws IOException {
        synchronized (sink) {
            sink.flush();
        }
    }

    private void warn(Message.Event event, String problem) {
        String id = event.eventId() != null ? "event " + dev.evbus.protocol.JsonText.quote(event.eventId()) : "event seq " + event.seq();
        err.println("[event] warning: skipped " + id + ": " + problem.replace('\n', ' '));
    }
}
