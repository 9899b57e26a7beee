package dev.evbus.cli;

import dev.evbus.keyfiles.KeyFile;
import dev.evbus.keyfiles.KeyFileReader;
import dev.evbus.pipeline.StageLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code evbus keys check FILE...}: validates key files as the CLI and the bus would load them, without a bus. */
final class KeysCommand implements Callable<Integer> {
    private KeysCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(new KeysCommand(), "keys",
                "Work with declarative key files ($EVBUS_HOME/keys/, $EVBUS_KEY_PATH).");
        spec.addSubcommand("check", Check.spec());
        spec.addSubcommand("test", KeysTestCommand.spec());
        return spec;
    }

    @Override
    public Integer call() {
        System.err.println("evbus: keys needs a command: check FILE... or test FILE --input EVENTS (see `evbus keys --help`)");
        return ExitCodes.BAD_INPUT;
    }

    /** {@code evbus keys check FILE...}. */
    static final class Check implements Callable<Integer> {
        private final CommandSpec spec;

        private Check() {
            spec = CommandSpecs.command(this, "check", "Check key files: `FILE: ok (key KEY, N stages)`, or every problem as"
                    + " FILE:LINE: FIELD: message on stderr and exit 2. Registers nothing and needs no bus.");
            spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILE").type(List.class)
                    .auxiliaryTypes(String.class).description("Key files (.json, .yaml or .yml).").build());
        }

        static CommandSpec spec() {
            return new Check().spec;
        }

        @Override
        public Integer call() {
            List<String> files = CommandSpecs.parameterValue(spec);
            // Stages compiled, tables and databases only checked (there, readable, and a table's name
            // and size): their contents are read by the consumer that uses them, never by a check.
            KeyFileReader reader = KeyFileReader.checking(StageLibrary.standard());
            boolean refused = false;
            for (String file : files) {
                switch (reader.read(Path.of(file))) {
                    case KeyFile.Loaded loaded -> System.out.println(file + ": ok (key " + loaded.key().key() + ", "
                            + loaded.stages() + (loaded.stages() == 1 ? " stage)" : " stages)"));
                    case KeyFile.Refused bad -> {
                        refused = true;
                        bad.problems().forEach(problem -> System.err.println(problem.format(file)));
                    }
                }
            }
            return refused ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }
}
