package dev.evbus.bus;

import dev.evbus.bus.served.ServedPipelines;
import dev.evbus.config.Home;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-reads the app's config while the bus runs ({@code evbus reload}, or SIGHUP) and restarts
 * only what changed: each source whose section changed, the bridge when its section did, each
 * served pipeline whose entry changed (or that appeared or went). Consumers
 * keep their connections and positions; the log is untouched. A config that does not load changes
 * nothing: the reason is logged and answered. Settings the bus sizes at start ({@code retention},
 * {@code limits}) are reported as needing a restart, not applied. A served pipeline is restarted
 * when its key's file changed too; other consumers read their key's file when they start.
 */
final class BusReload {
    private final Home home;
    private final String appId;
    private final Map<String, String> env;
    private final BusFeeds feeds;
    private final ServedPipelines pipelines;
    private final BusLog log;
    /** The config the bus runs on; guarded by this object's lock, which also runs one reload at a time. */
    private ConfigSnapshot current;

    BusReload(Home home, String appId, Map<String, String> env, BusFeeds feeds, ServedPipelines pipelines, BusLog log,
              ConfigSnapshot current) {
        this.pipelines = pipelines;
        this.home = home;
        this.appId = appId;
        this.env = env;
        this.feeds = feeds;
        this.log = log;
        this.current = current;
    }

    /** Reloads; {@code who} asked (a connection, or the signal), for the log line. */
    synchronized Message.Reloaded reload(String who) {
        BusSettings settings;
        ConfigSnapshot next;
        try {
            settings = BusSettings.load(home, appId, env);
            next = ConfigSnapshot.read(home.appConfig(appId));
        } catch (IOException bad) {
            log.warn("reload asked by " + who + " refused, the bus runs on as it was: " + JsonText.quote(bad.getMessage()));
            return new Message.Reloaded(List.of(), List.of(), bad.getMessage());
        }
        Set<String> sources = new TreeSet<>(current.changedSources(next));
        boolean bridge = current.bridgeChanged(next);
        List<String> needsRestart = current.restartOnlyChanges(next);
        feeds.replace(settings.feeds(), sources, bridge);
        current = current.applied(next);
        List<String> restarted = new ArrayList<>();
        sources.forEach(name -> restarted.add("source " + name));
        if (bridge) {
            restarted.add("bridge");
        }
        pipelines.replace(settings.pipelines()).forEach(name -> restarted.add("pipeline " + name));
        log.info("reloaded (asked by " + who + "): " + (restarted.isEmpty() ? "nothing to restart" : "restarted " + restarted)
                + (needsRestart.isEmpty() ? "" : "; changed but applied only by a restart: " + needsRestart));
        return new Message.Reloaded(restarted, needsRestart, null);
    }
}
