/**
 * The {@code evbus} command line over the bus, the consumer runtime and the registry.
 *
 * <p>{@link dev.evbus.cli.Main} runs a line through {@code FastArgs} when it is an ordinary line of
 * a hot command ({@code consume}, {@code publish}, {@code status}, {@code list}, {@code stop},
 * {@code --version}), and through {@code PicocliPath} (picocli's programmatic model) otherwise;
 * both read each command's options from its one {@code CommandDef} ({@code OptionDef} records),
 * and hand the command an {@code OptionValues}. {@code BusMain} and {@code BusLaunch} start a bus;
 * {@code AotTraining} is the training run behind {@code bin/build}'s AOT caches.
 * {@code KeysTestCommand} runs a key file on sample events through {@code KeyRehearsal} (no bus,
 * effects stubbed) and compares with {@code ExpectedOutput}; {@code DemoCommand} runs the real
 * commands against a {@code DemoHome}.
 *
 * <p>Describing the commands, on the picocli path only: {@code Examples} (the end of every usage
 * help and man page), {@code CompletionModel} with {@code BashCompletion} and
 * {@code FishCompletion} ({@code evbus completion}), {@code ManPage} ({@code evbus man}), and
 * {@code UnknownCommand} (a mistyped command's "did you mean"; a key's is {@code UnknownKey}'s).
 */
package dev.evbus.cli;
