package dev.evbus.cli;

import static dev.evbus.cli.CommandSpecs.command;
import static dev.evbus.cli.CommandSpecs.json;
import static dev.evbus.cli.CommandSpecs.parameter;
import static dev.evbus.cli.CommandSpecs.parameterValue;
import static dev.evbus.cli.CommandSpecs.value;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.busctl.BusControl;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import dev.evbus.transport.SocketAddresses;
import dev.evbus.transport.SocketPathTooLongException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evbus cursors}: the named cursors the app's bus keeps, with their lag; {@code cursors rm NAME} removes one. */
final class CursorsCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private CursorsCommand(Main main) {
        this.main = main;
        this.spec = command(this, "cursors", "List the app's named cursors (consume --durable), or remove one.");
        spec.addOption(json("Print {\"cursors\":[{name, event_key, subscription_id, offset, lag, attached_pid, updated_at}]}."));
        spec.addSubcommand("rm", new Remove(main).spec);
    }

    static CommandSpec spec(Main main) {
        return new CursorsCommand(main).spec;
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        boolean json = value(spec, "--json");
        Message.StatusResponse status = runningBus(context);
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode list = root.putArray("cursors");
            for (StatusParts.CursorStatus c : status.cursors()) {
                ObjectNode cursor = list.addObject().put("name", c.name()).put("event_key", c.eventKey())
                        .put("subscription_id", c.subscriptionId()).put("offset", c.offset()).put("lag", c.lag());
                if (c.attachedPid() > 0) {
                    cursor.put("attached_pid", c.attachedPid());
                } else {
                    cursor.putNull("attached_pid");
                }
                cursor.put("updated_at", c.updatedAt());
            }
            System.out.println(JsonText.write(root));
        } else if (status.cursors().isEmpty()) {
            System.out.println("no cursors for app " + JsonText.quote(context.appId()));
        } else {
            for (StatusParts.CursorStatus c : status.cursors()) {
                System.out.println(c.name() + "  key " + c.eventKey() + "  subscription " + c.subscriptionId() + "  offset "
                        + c.offset() + "  lag " + c.lag() + (c.attachedPid() > 0 ? "  in use by pid " + c.attachedPid() : "")
                        + "  updated " + c.updatedAt());
            }
        }
        return ExitCodes.OK;
    }

    static Path socket(Context context) {
        try {
            return SocketAddresses.forApp(context.app());
        } catch (SocketPathTooLongException tooLong) {
            throw UserError.badInput(tooLong.getMessage());
        }
    }

    private static Message.StatusResponse runningBus(Context context) throws IOException {
        Optional<Message.StatusResponse> status = BusControl.status(socket(context));
        return status.orElseThrow(() -> UserError.badInput("no bus running for app " + JsonText.quote(context.appId())
                + " (cursors live in the bus; a durable log keeps them in " + context.app().cursorsFile() + ")"));
    }

    /** {@code evbus cursors rm NAME}. */
    static final class Remove implements Callable<Integer> {
        private final Main main;
        private final CommandSpec spec;

        private Remove(Main main) {
            this.main = main;
            this.spec = command(this, "rm", "Remove a named cursor nobody is using.");
            spec.addPositional(parameter("NAME", "The cursor's name."));
        }

        @Override
        public Integer call() throws IOException {
            Context context = main.context();
            String name = parameterValue(spec);
            runningBus(context);
            Message.CursorRemoved answer = BusControl.removeCursor(socket(context), name);
            if (!answer.removed()) {
                throw UserError.badInput(answer.message());
            }
            context.err().println(answer.message());
            return ExitCodes.OK;
        }
    }
}
