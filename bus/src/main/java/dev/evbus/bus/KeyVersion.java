package dev.evbus.bus;

import dev.evbus.config.Home;
import dev.evbus.keyfiles.KeyIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a key's definition is now, as a reload compares it: the path, size and modification time of
 * every key file naming the key (a plugin's key, with no file, is always the same). Cheap enough to
 * take at every reload: the index reads only each file's top-level {@code key}.
 */
final class KeyVersion {
    private KeyVersion() {
    }

    static String of(Home home, Map<String, String> env, String key) {
        StringBuilder version = new StringBuilder();
        for (Path file : KeyIndex.scan(home, env).filesNaming(key)) {
            version.append(file).append(':');
            try {
                version.append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis());
            } catch (IOException gone) {
                version.append("unreadable");
            }
            version.append('\n');
        }
        return version.toString();
    }
}
