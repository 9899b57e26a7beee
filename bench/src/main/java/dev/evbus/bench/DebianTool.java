package dev.evbus.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the bench compares evbus with or drives it by (wrk, nats-server, redis): looked up on
 * the PATH and in Debian's {@code /usr/sbin}, installed with {@code apt-get install -y} when
 * missing and the bench runs as root; otherwise the reason it is not available, which the section
 * prints instead of its figures.
 */
final class DebianTool {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    /** Either the binary to run or why there is none. */
    sealed interface Found {
    }

    record Available(Path binary) implements Found {
    }

    record Missing(String why) implements Found {
    }

    /** Several tools' binaries, in the order asked for ({@link #findAll}). */
    record AllAvailable(List<Path> binaries) implements Found {
    }

    /** A binary and the Debian package that installs it. */
    record Tool(String binary, String debianPackage) {
    }

    private DebianTool() {
    }

    /** Each tool found as {@link #find} finds one: all their binaries, or why the first one missing is. */
    static Found findAll(Tool... tools) throws IOException, InterruptedException {
        List<Path> binaries = new ArrayList<>();
        for (Tool tool : tools) {
            Found found = find(tool.binary(), tool.debianPackage());
            if (found instanceof Missing missing) {
                return missing;
            }
            binaries.add(((Available) found).binary());
        }
        return new AllAvailable(List.copyOf(binaries));
    }

    /** {@code binary} as installed, else after {@code apt-get install -y debianPackage}, else why not. */
    static Found find(String binary, String debianPackage) throws IOException, InterruptedException {
        Path found = installed(binary);
        if (found != null) {
            return new Available(found);
        }
        String apt = "`apt-get install -y " + debianPackage + "`";
        if (!"0".equals(output(new ProcessBuilder("id", "-u"), Duration.ofSeconds(10)).strip())) {
            return new Missing(binary + " is not installed and the bench is not root, so it cannot " + apt);
        }
        System.err.println("bench: " + binary + " is missing: apt-get install -y " + debianPackage + "...");
        ProcessBuilder install = new ProcessBuilder("apt-get", "install", "-y", debianPackage);
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        String out;
        try {
            out = output(install, INSTALL_TIMEOUT);
        } catch (IOException failed) {
            return new Missing(binary + " is not installed and " + apt + " failed: " + failed.getMessage());
        }
        found = installed(binary);
        return found != null ? new Available(found) : new Missing(apt + " did not install " + binary + ": " + lastLine(out));
    }

    private static Path installed(String binary) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)));
        dirs.add("/usr/sbin"); // Debian puts daemons there (nats-server), outside a non-root PATH
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs a command with stdin closed, stderr merged into stdout; its output, or an IOException when it fails or hangs. */
    static String output(ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command.command()) + " did not finish in " + timeout);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.command()) + " exited " + process.exitValue() + ": "
                    + lastLine(text));
        }
        return text;
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
