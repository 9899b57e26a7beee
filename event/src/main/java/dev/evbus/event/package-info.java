/**
 * The plugin API: what a key plugin compiles against, and nothing about the installation it runs in.
 *
 * <p>A plugin jar names a {@link dev.evbus.event.KeyProvider} in
 * {@code META-INF/services/dev.evbus.event.KeyProvider}; each provider returns
 * {@link dev.evbus.event.KeyDefinition}s, built with {@code KeyDefinition.builder}, which declare the
 * event types they take, their {@link dev.evbus.event.ParamDef}s (typed by
 * {@link dev.evbus.event.ParamType}) and their hooks: {@link dev.evbus.event.NormalizeHook},
 * {@link dev.evbus.event.SubscriptionHook}, {@link dev.evbus.event.MatchHook} and
 * {@link dev.evbus.event.ProcessHook}. Hooks see the bound {@link dev.evbus.event.Params}, each
 * event as a {@link dev.evbus.event.RawEvent} whose payload is {@link dev.evbus.event.RawJson}, and
 * the app's API through {@link dev.evbus.event.APIClient}.
 *
 * <p>{@link dev.evbus.event.KeyRegistry} is the process's table of keys, the built-in {@code raw}
 * key first; the engine side binds params ({@link dev.evbus.event.ParamBinder}), names
 * subscriptions ({@link dev.evbus.event.SubscriptionId}) and matches event types
 * ({@link dev.evbus.event.EventTypePattern}) with the same definitions. Where plugins are found and
 * how an installation is configured is {@code dev.evbus.config}'s, which depends on this package,
 * never the reverse.
 */
package dev.evbus.event;
