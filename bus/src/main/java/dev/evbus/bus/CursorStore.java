package dev.evbus.bus;

import dev.evbus.bus.log.CursorFile;
import dev.evbus.bus.log.StoredCursor;
import dev.evbus.event.AppPaths;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.List;

/** Named cursors of a durable log, kept in {@code cursors.json} across bus restarts. */
final class CursorStore implements Cursors.Store {
    private final CursorFile file;
    private final BusLog log;

    CursorStore(AppPaths paths, BusLog log) {
        this.file = CursorFile.of(paths, log::warn);
        this.log = log;
    }

    @Override
    public List<Message.CursorStatus> load() {
        return file.load().stream()
                .map(c -> new Message.CursorStatus(c.name(), c.eventKey(), c.subscriptionId(), c.offset(), 0, 0, c.updatedAt()))
                .toList();
    }

    @Override
    public void save(List<Message.CursorStatus> cursors) {
        try {
            file.save(cursors.stream()
                    .map(c -> new StoredCursor(c.name(), c.subscriptionId(), c.eventKey(), c.offset(), c.updatedAt()))
                    .toList());
        } catch (IOException e) {
            log.warn("cannot save the named cursors: " + JsonText.quote(String.valueOf(e.getMessage())));
        }
    }
}
