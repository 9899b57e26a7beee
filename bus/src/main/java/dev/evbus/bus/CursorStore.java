package dev.evbus.bus;

import dev.evbus.bus.log.CursorFile;
import dev.evbus.bus.log.StoredCursor;
import dev.evbus.config.AppPaths;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.util.List;

/** Named cursors of a durable log, kept in {@code cursors.json} across bus restarts; a failed save is logged, not fatal. */
final class CursorStore implements Cursors.Store {
    private final CursorFile file;
    private final BusLog log;

    CursorStore(AppPaths paths, BusLog log) {
        this.file = CursorFile.of(paths, log::warn);
        this.log = log;
    }

    @Override
    public List<StoredCursor> load() {
        return file.load();
    }

    @Override
    public void save(List<StoredCursor> cursors) {
        try {
            file.save(cursors);
        } catch (IOException e) {
            log.warn("cannot save the named cursors: " + JsonText.quote(String.valueOf(e.getMessage())));
        }
    }
}
