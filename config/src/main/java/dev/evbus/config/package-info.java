/**
 * The installation: where evbus keeps its files and what an app's settings say.
 *
 * <p>{@link dev.evbus.config.Home} is {@code $EVBUS_HOME}; {@link dev.evbus.config.AppPaths} names
 * each file of one app's bus below it, and {@link dev.evbus.config.PrivatePaths} creates, opens,
 * repairs or refuses every one of them ({@link dev.evbus.config.UnsafePathException}).
 *
 * <p>An app's config file ({@code apps/<app>.json}) is read, as key files are, by
 * {@link dev.evbus.config.SettingsFile} (no larger than its limit), then by
 * {@link dev.evbus.config.ConfigJson} (a syntax error is one line) into an {@link dev.evbus.config.AppConfig}: its API section, which
 * {@link dev.evbus.config.ApiClients} turns into the hooks' {@code APIClient}, and its
 * {@link dev.evbus.config.Retention}. Every section's names are checked by
 * {@link dev.evbus.config.KnownFields}, which suggests through {@link dev.evbus.config.DidYouMean};
 * values are written as {@link dev.evbus.config.DataSize}, {@link dev.evbus.config.DurationText} and
 * {@link dev.evbus.config.InstantText} read them, and a bad one is a
 * {@link dev.evbus.config.ConfigException} naming the file and the field.
 *
 * <p>{@link dev.evbus.config.PluginLoader} finds the key plugins of the installation
 * ({@code plugins/} and {@code $EVBUS_PLUGIN_PATH}) and registers their keys in the plugin API's
 * {@code KeyRegistry}.
 */
package dev.evbus.config;
