package dev.evbus.consume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.protocol.JsonText;
import java.util.List;

/**
 * What {@code consume --dry-run} found: ready when no precondition is blocked. Printed as text,
 * one line per precondition, or as one JSON object; secret-looking param values are masked in both.
 */
public final class DryRunReport {
    private final String key;
    private final List<Precondition> preconditions;
    private final List<String> reads;
    private final List<String> writes;
    private final SecretParams secrets;

    DryRunReport(String key, List<Precondition> preconditions, List<String> reads, List<String> writes, SecretParams secrets) {
        this.key = key;
        this.preconditions = List.copyOf(preconditions);
        this.reads = List.copyOf(reads);
        this.writes = List.copyOf(writes);
        this.secrets = secrets;
    }

    public boolean ready() {
        return preconditions.stream().noneMatch(p -> p.status() == Precondition.Status.BLOCKED);
    }

    public List<Precondition> preconditions() {
        return preconditions;
    }

    private String status() {
        return ready() ? "ready" : "blocked";
    }

    /** The text form: the decision, one line per precondition, then what a run would read and write. */
    public String text() {
        StringBuilder out = new StringBuilder("consume " + JsonText.quote(key) + " --dry-run: " + status() + "\n");
        for (Precondition p : preconditions) {
            out.append(String.format("  %-12s %s: %s%n", p.status().wireName(), p.name(), p.detail()));
        }
        reads.forEach(read -> out.append("  reads        ").append(read).append('\n'));
        writes.forEach(write -> out.append("  writes       ").append(write).append('\n'));
        return secrets.redact(out.toString());
    }

    /** {@code {"status","preconditions":[{"name","status","detail"}],"reads":[…],"writes":[…]}}. */
    public String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("status", status());
        ArrayNode list = root.putArray("preconditions");
        for (Precondition p : preconditions) {
            list.addObject().put("name", p.name()).put("status", p.status().wireName()).put("detail", secrets.redact(p.detail()));
        }
        ArrayNode readList = root.putArray("reads");
        reads.forEach(read -> readList.add(secrets.redact(read)));
        ArrayNode writeList = root.putArray("writes");
        writes.forEach(write -> writeList.add(secrets.redact(write)));
        return JsonText.write(root);
    }
}
