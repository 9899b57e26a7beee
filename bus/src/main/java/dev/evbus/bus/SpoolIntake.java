package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.AppPaths;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.spool.SpoolDirectory;
import dev.evbus.spool.SpoolFile;
import dev.evbus.spool.SpoolReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes in the app's spool: the events producers wrote while no bus answered. Files are claimed
 * oldest first (a file whose writer still lives stays locked and is skipped), their frames
 * published in order through the bus's {@link EventIntake}, as a producer's frames are, and a file is deleted only once
 * its events are stored. Not thread-safe: one caller at a time.
 */
final class SpoolIntake {
    /** Blocks until everything published so far is durable. */
    @FunctionalInterface
    interface Stored {
        void await() throws InterruptedException;
    }

    private final SpoolDirectory directory;
    private final BusLog log;
    /** Where taken events go: the bus's one way in, as if a producer had published them. */
    private final EventIntake intake;
    private final Stored stored;

    /** Takes spool files into the hub's intake; a file is deleted once the log stored its events. */
    static SpoolIntake into(Hub hub, RetentionLog events, AppPaths paths, BusLog log) {
        return new SpoolIntake(paths, log, hub.intake, () -> {
            while (!events.stored().awaitStored(events.endOffset(), 1, TimeUnit.SECONDS)) {
                log.warn("waiting for the log to store spooled events before deleting their file");
            }
        });
    }

    SpoolIntake(AppPaths paths, BusLog log, EventIntake intake, Stored stored) {
        this.directory = new SpoolDirectory(paths.spoolDir());
        this.log = log;
        this.intake = intake;
        this.stored = stored;
    }

    /** Takes every unowned spool file, oldest first; returns how many events were taken (duplicates and rejections included). */
    int takeAll() throws InterruptedException {
        int taken = 0;
        try {
            for (Path file : directory.files()) {
                Optional<SpoolFile> claimed = directory.tryClaim(file);
                if (claimed.isPresent()) {
                    taken += take(claimed.get());
                }
            }
        } catch (IOException e) {
            log.warn("cannot read the spool " + JsonText.quote(directory.dir().toString()) + ": " + e.getMessage());
        }
        return taken;
    }

    private int take(SpoolFile file) throws IOException, InterruptedException {
        String name = JsonText.quote(file.path().toString());
        SpoolReader reader = file.reader((path, offset, reason) ->
                log.warn("spool file " + name + " at byte " + offset + ": " + reason + "; skipped"));
        int events = 0;
        int duplicates = 0;
        int rejected = 0;
        try {
            for (Message.Publish publish = reader.next(); publish != null; publish = reader.next()) {
                events++;
                try {
                    if (intake.publish(publish.eventType(), publish.eventId(), publish.sourceTime(), publish.payload(), false)
                            == EventIntake.DUPLICATE) {
                        duplicates++;
                    }
                } catch (EventIntake.Refused refused) {
                    if (++rejected <= 5) {
                        log.warn("spool file " + name + ": rejected an event: " + JsonText.quote(refused.getMessage()));
                    }
                }
            }
            stored.await();
            file.delete();
        } finally {
            file.release(); // a file left after a failure goes back to the spool for the next try
        }
        log.info("took spool file " + name + ": " + events + " events (" + duplicates + " duplicates, "
                + rejected + " rejected)");
        return events;
    }
}
