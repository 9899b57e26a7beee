package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redis side of {@link PipeBench}: {@code redis-cli --pipe} sends N RESP {@code PUBLISH}
 * commands from a file to a private redis-server, and {@code redis-cli SUBSCRIBE bench.pipe}
 * prints them to a pipe the bench counts. Timed from the sender's launch to the subscriber's last
 * line (it never exits by itself). The subscriber prints in redis-cli's raw mode, its default when
 * stdout is not a terminal ({@code --raw} and {@code -3} print the same): three lines a message
 * ({@code message}, the channel, the payload), nothing quoted or escaped. {@code --csv} is the only
 * mode with one line a message, but it escapes every quote of the JSON payload and ran about 12×
 * slower than raw here (22,000 against 285,000 messages/s), so it would measure redis-cli, not redis.
 */
final class RedisPipe {
    /** Lines redis-cli prints per message, and for the subscription's confirmation. */
    static final int LINES_PER_MESSAGE = 3;
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern REPLIES = Pattern.compile("errors: ([0-9]+), replies: ([0-9]+)");

    /** The run, the server's version, and what {@code redis-cli --pipe} said at the end. */
    record Result(PipeBench.Run run, String version, String pipeSummary) {
    }

    private RedisPipe() {
    }

    static Result run(RedisForBench.Binaries binaries, long events, Cleanup scope) throws IOException, InterruptedException {
        RedisForBench redis = scope.register(RedisForBench.start(binaries));
        Path input = redis.dir().resolve("pipe.resp");
        PipeInput.write(input, events, PipeInput.Format.REDIS);
        Process subscriber = redis.cli("SUBSCRIBE", PipeInput.TYPE)
                .redirectError(redis.dir().resolve("subscriber.err").toFile()).start();
        scope.register(() -> subscriber.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        OutputCounter lines = new OutputCounter(subscriber.getInputStream(), null);
        Thread.ofPlatform().daemon().name("redis-subscriber").start(lines);
        awaitSubscribed(lines, subscriber);
        long started = System.nanoTime();
        Process sender = redis.cli("--pipe").redirectInput(input.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> said = PipeBench.readAsync(sender.getInputStream());
        long expected = LINES_PER_MESSAGE * (events + 1);
        PipeBench.awaitEnd(lines::lines, () -> lines.lines() >= expected);
        long ended = lines.lastArrivalNanos();
        if (!sender.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            sender.destroyForcibly();
            throw new IllegalStateException("redis-cli --pipe did not exit within " + EXIT_TIMEOUT);
        }
        String summary = said.join().strip().replace("\n", " ");
        Matcher replies = REPLIES.matcher(summary);
        if (sender.exitValue() != 0 || !replies.find() || !replies.group(1).equals("0")
                || Long.parseLong(replies.group(2)) != events) {
            throw new IllegalStateException("redis-cli --pipe exited " + sender.exitValue() + " and said: " + summary);
        }
        long delivered = lines.lines() / LINES_PER_MESSAGE - 1;
        Result result = new Result(new PipeBench.Run(events, delivered, ended - started), redis.version(), summary);
        scope.release(redis);
        return result;
    }

    private static void awaitSubscribed(OutputCounter lines, Process subscriber) {
        long deadline = System.nanoTime() + SUBSCRIBE_TIMEOUT.toNanos();
        while (lines.lines() < LINES_PER_MESSAGE) {
            if (!subscriber.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-cli SUBSCRIBE printed no confirmation within " + SUBSCRIBE_TIMEOUT
                        + (subscriber.isAlive() ? "" : " (exited " + subscriber.exitValue() + ")"));
            }
            Poll.pause(Duration.ofMillis(10)); // the condition is checked again each turn
        }
    }
}
