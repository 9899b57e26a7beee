package dev.evbus.cli;

import dev.evbus.event.KeyDefinition;
import dev.evbus.event.ParamBinder;
import dev.evbus.event.ParamException;
import dev.evbus.event.Params;
import dev.evbus.event.TimeSource;
import dev.evbus.keyfiles.KeyFile;
import dev.evbus.keyfiles.KeyFileReader;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus keys test FILE --input EVENTS.ndjson [--expect EXPECTED.ndjson]}: a key's pipeline
 * on sample events, with no bus and no effects (see {@link KeyRehearsal}), as {@code vector test}
 * runs a transform on sample events. Exit 0, 1 when the output differs from the expected lines,
 * 2 for a key, param or input line that cannot be used.
 */
final class KeysTestCommand implements Callable<Integer> {
    /** What --expect keeps in memory, actual and expected lines together. */
    private static final long MAX_COMPARED_BYTES = 64L << 20;

    private final CommandSpec spec;

    private KeysTestCommand() {
        spec = CommandSpecs.command(this, "test", "Run a key file's pipeline on sample events without a bus: output lines on"
                + " stdout as consume prints them; each filtered, failed and dead-lettered event, and each effect it would"
                + " make, on stderr. Effects are not made. With --expect, exit 1 and show the difference when the output differs.");
        spec.addPositional(CommandSpecs.parameter("FILE", "The key file (.json, .yaml or .yml)."));
        spec.addOption(CommandSpecs.option(OptionDef.text("--input", "EVENTS",
                "NDJSON publish lines {\"event_type\",\"event_id\"?,\"payload\"}, as `publish --stdin` reads them.")).required(true).build());
        spec.addOption(CommandSpecs.option(OptionDef.text("--expect", "EXPECTED",
                "NDJSON lines the output must equal, one JSON value per line (field order does not count).")).build());
        spec.addOption(CommandSpecs.option(OptionDef.text("--now", "TIME",
                "The stages' wall time, fixed, as an RFC 3339 time such as 2026-01-01T00:00:00Z, for output a file can"
                + " expect ($now); default: the real time.")).build());
        spec.addOption(CommandSpecs.option(OptionDef.texts(List.of("-p", "--param"), "NAME=VALUE",
                "A key parameter; repeat for more.")).build());
    }

    static CommandSpec spec() {
        return new KeysTestCommand().spec;
    }

    @Override
    public Integer call() throws IOException {
        String file = CommandSpecs.parameterValue(spec);
        String input = CommandSpecs.value(spec, "--input");
        String expect = CommandSpecs.value(spec, "--expect");
        List<String> given = CommandSpecs.value(spec, "--param");
        TimeSource clock = clock(CommandSpecs.value(spec, "--now"), TimeSource.system());
        LoadedFiles files = new LoadedFiles();
        KeyDefinition key = switch (new KeyFileReader(StageLibrary.standard(), files).read(Path.of(file))) {
            case KeyFile.Loaded loaded -> loaded.key();
            case KeyFile.Refused bad -> {
                bad.problems().forEach(problem -> System.err.println(problem.format(file)));
                throw UserError.badInput(file + " is not a usable key file (the problems above; `evbus keys check` says the same)");
            }
        };
        if (key.pipeline().isEmpty()) {
            throw UserError.badInput("key " + key.key() + " has no stages to test");
        }
        Params params = bind(key, given);
        List<String> actual = new ArrayList<>();
        long[] kept = {0};
        KeyRehearsal rehearsal;
        try {
            rehearsal = KeyRehearsal.of(key, params, files, clock, line -> {
                System.out.println(line);
                // Past the limit the lines are only printed; the comparison is then refused below.
                kept[0] += line.length();
                if (expect != null && kept[0] <= MAX_COMPARED_BYTES) {
                    actual.add(line);
                }
            }, System.err);
        } catch (PipelineConfigException bad) {
            throw UserError.badInput("key " + key.key() + " cannot run with these params: " + bad.problems().stream()
                    .map(p -> p.path() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("")
                    + " (hint: check the -p values)");
        }
        try (InputStream in = open(input, "--input")) {
            feed(rehearsal, new FrameReader(in), input);
        }
        rehearsal.finish();
        System.out.flush();
        System.err.println(rehearsal.summary());
        if (expect == null) {
            return ExitCodes.OK;
        }
        if (kept[0] > MAX_COMPARED_BYTES) {
            throw UserError.badInput("the output is over " + (MAX_COMPARED_BYTES >> 20) + " MiB: too big for --expect");
        }
        List<String> diff = ExpectedOutput.diff(expected(expect), actual);
        if (diff.isEmpty()) {
            System.err.println("output as expected (" + actual.size() + " line(s))");
            return ExitCodes.OK;
        }
        System.err.println("output differs from " + expect + " (- expected, + actual):");
        diff.forEach(System.err::println);
        return ExitCodes.FAILED;
    }

    private static TimeSource clock(String now, TimeSource clock) {
        if (now == null) {
            return clock;
        }
        try {
            return clock.withWallAt(OffsetDateTime.parse(now).toInstant());
        } catch (DateTimeParseException bad) {
            throw UserError.badInput("--now takes an RFC 3339 time such as 2026-01-01T00:00:00Z, not " + JsonText.quote(now));
        }
    }

    private static Params bind(KeyDefinition key, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String param : given == null ? List.<String>of() : given) {
            int equals = param.indexOf('=');
            if (equals <= 0) {
                throw UserError.badInput("-p takes NAME=VALUE, not " + JsonText.quote(param));
            }
            values.put(param.substring(0, equals), param.substring(equals + 1));
        }
        try {
            return ParamBinder.bind(key, values).freeze();
        } catch (ParamException bad) {
            throw UserError.badInput(bad.getMessage());
        }
    }

    private static void feed(KeyRehearsal rehearsal, FrameReader lines, String input) throws IOException {
        while (true) {
            try {
                if (!lines.next()) {
                    return;
                }
            } catch (FrameTooLargeException tooLong) {
                throw UserError.badInput(input + " line " + lines.lineNumber() + ": longer than " + FrameReader.MAX_FRAME + " bytes");
            }
            if (new String(lines.buffer(), lines.frameOffset(), lines.frameLength(), StandardCharsets.UTF_8).isBlank()) {
                continue;
            }
            try {
                rehearsal.accept(PublishLine.parse(lines.buffer(), lines.frameOffset(), lines.frameLength()), lines.lineNumber());
            } catch (PublishLine.Rejected bad) {
                throw UserError.badInput(input + " line " + lines.lineNumber() + ": " + bad.getMessage());
            }
        }
    }

    private static List<String> expected(String expect) throws IOException {
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        try (InputStream in = open(expect, "--expect")) {
            FrameReader reader = new FrameReader(in);
            while (reader.next()) {
                String line = new String(reader.buffer(), reader.frameOffset(), reader.frameLength(), StandardCharsets.UTF_8);
                bytes += line.length();
                if (bytes > MAX_COMPARED_BYTES) {
                    throw UserError.badInput(expect + " is over " + (MAX_COMPARED_BYTES >> 20) + " MiB: too big for --expect");
                }
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (FrameTooLargeException tooLong) {
            throw UserError.badInput(expect + ": a line is longer than " + FrameReader.MAX_FRAME + " bytes");
        }
        return lines;
    }

    private static InputStream open(String file, String option) throws IOException {
        try {
            return Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException missing) {
            throw UserError.badInput(option + ": no such file " + JsonText.quote(file));
        } catch (IOException unreadable) {
            throw UserError.badInput(option + ": cannot read " + JsonText.quote(file) + ": " + unreadable.getMessage());
        }
    }
}
