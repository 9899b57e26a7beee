package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.busctl.BusControl;
import dev.evbus.busctl.NoBusException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus reload}: the running bus re-reads the app's config and restarts only the sources
 * and bridge whose settings changed; consumers stay attached. What SIGHUP to the bus does, with
 * the outcome answered here: exit 0 when applied, 2 when the config does not load (nothing
 * changed), 1 when no bus runs.
 */
final class ReloadCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private ReloadCommand(Main main) {
        this.main = main;
        this.spec = CommandSpecs.command(this, "reload", "Make the app's running bus re-read its config and restart only the"
                + " sources and bridge that changed (as SIGHUP does); consumers stay attached.");
        spec.addOption(CommandSpecs.json("Print {\"app\", \"restarted\":[…], \"needs_restart\":[…], \"refused\"}."));
    }

    static CommandSpec spec(Main main) {
        return new ReloadCommand(main).spec;
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        boolean json = CommandSpecs.value(spec, "--json");
        Message.Reloaded answer;
        try {
            answer = BusControl.reload(CursorsCommand.socket(context));
        } catch (NoBusException none) {
            context.err().println("evbus: no bus running for app " + JsonText.quote(context.appId())
                    + " (a bus reads the config when it starts)");
            return ExitCodes.FAILED;
        }
        if (json) {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("app", context.appId());
            answer.restarted().forEach(node.putArray("restarted")::add);
            answer.needsRestart().forEach(node.putArray("needs_restart")::add);
            node.put("refused", answer.refused());
            System.out.println(JsonText.write(node));
        } else if (answer.refused() == null) {
            System.out.println("reloaded app " + JsonText.quote(context.appId()) + ": "
                    + (answer.restarted().isEmpty() ? "nothing to restart" : "restarted " + String.join(", ", answer.restarted()))
                    + (answer.needsRestart().isEmpty() ? ""
                    : "; changed but applied only by a restart: " + String.join(", ", answer.needsRestart())));
        }
        if (answer.refused() != null) {
            context.err().println("evbus: reload refused, the bus runs on as it was: " + answer.refused());
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
