package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.config.DataSize;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code evbus status}: every app's bus (or only the current one) with its consumers. */
final class StatusCommand implements Callable<Integer> {
    static final CommandDef DEF = new CommandDef("status", "Show the buses on this machine: running, orphan or not_running.", null,
            List.of(OptionDef.json("Print JSON instead of text."),
                    OptionDef.flag("--current", "Only the selected app (--app / $EVBUS_APP)."),
                    OptionDef.flag("--fail-on-orphan", "Exit 1 when any bus is an orphan (alive but not answering).")),
            List.of(), StatusCommand::new);

    private final Main main;
    private final OptionValues parsed;

    private StatusCommand(Main main, OptionValues parsed) {
        this.main = main;
        this.parsed = parsed;
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        boolean json = parsed.get("--json");
        boolean current = parsed.get("--current");
        boolean failOnOrphan = parsed.get("--fail-on-orphan");
        List<BusInspection> buses = current ? List.of(BusInspection.of(context.app())) : BusInspection.all(context.home());
        PrintStream out = System.out;
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode list = root.putArray("buses");
            buses.forEach(bus -> list.add(bus.toJson()));
            out.println(JsonText.write(root));
        } else if (buses.isEmpty()) {
            out.println("no buses under " + context.home().events());
        } else {
            buses.forEach(bus -> printText(out, bus));
        }
        for (BusInspection bus : buses) { // a loop: the first stream of a process costs ~2 ms
            if (failOnOrphan && bus.state() == BusInspection.State.ORPHAN) {
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
    }

    private static void printText(PrintStream out, BusInspection bus) {
        StringBuilder line = new StringBuilder("app ").append(bus.app()).append(": ").append(bus.state().label());
        switch (bus.state()) {
            case RUNNING -> {
                Message.StatusResponse s = bus.status().orElseThrow();
                line.append(" (pid ").append(s.pid()).append(", up ").append(s.uptimeSec()).append("s, ")
                        .append(s.consumers().size()).append(" consumer(s), published ").append(s.published())
                        .append(", duplicates ").append(s.duplicates()).append(", rejected ").append(s.rejected()).append(')');
            }
            case ORPHAN -> line.append(" (pid ").append(bus.pid().map(String::valueOf).orElse("?"))
                    .append(" holds the lock but does not answer on ").append(bus.socket())
                    .append("; `evbus stop --force` ends it)");
            case NOT_RUNNING -> { }
        }
        out.println(line);
        bus.status().ifPresent(s -> {
            StatusParts.LogStatus l = s.log();
            if (l != null) {
                out.println("  log " + (l.durable() ? "durable" : "in memory") + ": " + (l.events() == 0 ? "empty"
                        : "offsets " + l.firstOffset() + " to " + l.lastOffset()) + ", " + l.events() + " event(s), "
                        + l.bytes() + " bytes, oldest " + l.oldestAgeMs() / 1000 + "s old (limits "
                        + DataSize.format(l.maxBytes()) + ", " + l.maxAgeMs() / 1000 + "s)");
            }
            s.consumers().forEach(c -> out.println("  consumer pid " + c.pid() + " key " + c.eventKey() + " subscription "
                    + c.subscriptionId() + " types " + c.eventTypes() + " received " + c.received() + " dropped "
                    + c.dropped() + (c.dropReason() == null ? "" : " (" + c.dropReason() + ")") + " at offset " + c.position()
                    + (c.durable() == null ? "" : " cursor " + c.durable())));
            s.cursors().forEach(c -> out.println("  cursor " + c.name() + " key " + c.eventKey() + " offset " + c.offset()
                    + " lag " + c.lag()));
            s.sources().forEach(c -> out.println("  source " + c.name() + " (" + c.kind() + ") " + c.state()
                    + (c.address() == null ? "" : " at " + c.address()) + ": " + c.eventsIn() + " event(s) in, "
                    + c.errors() + " error(s), last event " + (c.lastEventAt() == 0 ? "never"
                    : Instant.ofEpochMilli(c.lastEventAt()).toString())
                    + (c.detail() == null ? "" : " (" + JsonText.quote(c.detail()) + ")")));
            StatusParts.BridgeSummary b = s.bridge();
            if (b != null) {
                out.println("  bridge " + b.kind() + " " + b.state() + " node " + b.node() + " stream " + b.stream()
                        + " at " + b.servers() + ": out " + b.sent() + " sent, backlog " + b.backlog() + ", missed "
                        + b.missed() + "; in " + b.received() + " received, " + b.duplicates() + " duplicate(s), lag "
                        + b.lag() + "; " + b.errors() + " error(s)" + (b.lastError() == null ? ""
                        : ", last " + JsonText.quote(b.lastError()) + " at " + Instant.ofEpochMilli(b.lastErrorAt())));
            }
            s.pipelines().forEach(p -> out.println("  pipeline " + p.name() + " key " + p.eventKey() + " " + p.state()
                    + (p.pid() == 0 ? "" : " pid " + p.pid()) + ", restarts " + p.restarts() + ", at offset " + p.position()
                    + " lag " + p.lag() + (p.counts() == null ? "" : ": processed " + p.counts().processed() + ", filtered "
                    + p.counts().filtered() + ", failed " + p.counts().failed() + ", dead-lettered " + p.counts().deadLettered())
                    + (p.lastError() == null ? "" : "; last error " + JsonText.quote(p.lastError()))));
            if (!s.unmatched().isEmpty()) {
                StringBuilder types = new StringBuilder("  unmatched (accepted while no consumer selected the type):");
                s.unmatched().forEach((type, count) -> types.append(' ').append(JsonText.quote(type)).append(' ').append(count));
                out.println(types);
            }
        });
    }
}
