package dev.evbus.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A console block of the README or a {@code docs/} page: a fenced block with the {@code console}
 * info string (or any fenced block with a {@code $ } line), the {@code <!-- sample: ... -->} comment
 * right above it if any, and its commands, each with the lines shown under it. The markup is
 * described in docs/internals.md, "Checked console samples".
 */
record ConsoleSample(String page, int line, String info, String marker, List<String> lines) {
    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- sample: (.+?) -->$", Pattern.DOTALL);

    /** One {@code $ COMMAND} line and the lines shown under it, up to the next command. */
    record Step(int line, String command, List<String> expected) {
    }

    /** Every console block of README.md and the pages under docs/, in page order. */
    static List<ConsoleSample> findAll(Path root) {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            List<ConsoleSample> samples = new ArrayList<>();
            for (Path page : pages) {
                samples.addAll(inPage(root.relativize(page).toString(), Files.readAllLines(page)));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ConsoleSample> inPage(String page, List<String> text) {
        List<ConsoleSample> samples = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher open = FENCE.matcher(text.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < text.size() && !text.get(i).matches("^\\s*```\\s*$"); i++) {
                body.add(text.get(i));
            }
            if (open.group(1).equals("console") || body.stream().anyMatch(l -> l.startsWith("$ "))) {
                samples.add(new ConsoleSample(page, start + 1, open.group(1), markerAbove(text, start), List.copyOf(body)));
            }
        }
        return samples;
    }

    /** The text of a {@code <!-- sample: TEXT -->} comment ending on the line above the fence, or "". */
    private static String markerAbove(List<String> text, int fence) {
        if (fence == 0 || !text.get(fence - 1).endsWith("-->")) {
            return "";
        }
        int first = fence - 1;
        while (first > 0 && !text.get(first).startsWith("<!--")) {
            first--;
        }
        Matcher marker = MARKER.matcher(String.join("\n", text.subList(first, fence)));
        return marker.matches() ? marker.group(1).strip() : "";
    }

    String where() {
        return page + ":" + line;
    }

    boolean notChecked() {
        return marker.startsWith("not checked:");
    }

    /** The test named by {@code checked by NAME}, or "". */
    String checkedBy() {
        return marker.startsWith("checked by ") ? marker.substring("checked by ".length()).strip() : "";
    }

    /** The shell lines of {@code setup: SCRIPT}, run before the first command, or "". */
    String setup() {
        return marker.startsWith("setup:") ? marker.substring("setup:".length()).strip() : "";
    }

    /** Whether DocsSamplesIT runs this sample itself: it is neither marked not checked nor left to another test. */
    boolean runHere() {
        return !notChecked() && checkedBy().isEmpty();
    }

    /** What is wrong with this block's fence or marker ({@code root}: the checkout), or nothing. */
    List<String> problems(Path root) {
        List<String> problems = new ArrayList<>();
        if (!info.equals("console")) {
            problems.add(where() + ": a console sample is fenced as ```console, not ```" + info);
        }
        if (notChecked()) {
            if (marker.substring("not checked:".length()).isBlank()) {
                problems.add(where() + ": `not checked:` says why");
            }
        } else if (!checkedBy().isEmpty()) {
            Path test = root.resolve("cli/src/test/java/dev/evbus/cli/e2e").resolve(checkedBy() + ".java");
            String name = Path.of(page).getFileName().toString();
            try {
                if (!Files.exists(test) || !Files.readString(test).contains(name)) {
                    problems.add(where() + ": `checked by " + checkedBy() + "` names no test that reads " + name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!marker.isEmpty() && setup().isEmpty()) {
            problems.add(where() + ": unknown marker <!-- sample: " + marker + " -->");
        } else if (lines.isEmpty() || !lines.getFirst().startsWith("$ ")) {
            problems.add(where() + ": an unmarked console sample starts with a `$ ` command this test runs");
        }
        return problems;
    }

    /** The commands and what each shows; fails when the block does not start with a command. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.startsWith("$ ")) {
                steps.add(new Step(line + 1 + i, text.substring(2), new ArrayList<>()));
            } else if (steps.isEmpty()) {
                throw new AssertionError(where() + ": a console sample starts with a `$ ` command, not: " + text);
            } else {
                steps.getLast().expected().add(text);
            }
        }
        return steps.stream().map(s -> new Step(s.line(), s.command(), List.copyOf(s.expected()))).toList();
    }
}
