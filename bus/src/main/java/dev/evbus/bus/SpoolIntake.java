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
 * published in order with the checks of a producer connection, and a file is deleted only once
 * its events are stored. Not thread-safe: one caller at a time.
 */
final class SpoolIntake {
    /** Where taken events go: the bus's log, as if a producer had published them. */
    interface Target {
        /** Appends one event; false when it is a duplicate. */
        boolean publish(String eventType, String eventId, String sourceTime, byte[] payload);

        /** Blocks until everything published so far is durable. */
        void awaitStored() throws InterruptedException;
    }

    private final SpoolDirectory directory;
    private final BusLog log;
    private final Target target;

    /** Takes spool files into the hub's publish path; a file is deleted once the log stored its events. */
    static SpoolIntake into(Hub hub, RetentionLog events, AppPaths paths, BusLog log) {
        return new SpoolIntake(paths, log, new Target() {
            @Override
            public boolean publish(String eventType, String eventId, String sourceTime, byte[] payload) {
                return hub.publish(eventType, eventId, sourceTime, payload) > 0;
            }

            @Override
            public void awaitStored() throws InterruptedException {
                while (!events.awaitStored(events.endOffset(), 1, TimeUnit.SECONDS)) {
                    log.warn("waiting for the log to store spooled events before deleting their file");
                }
            }
        });
    }

    SpoolIntake(AppPaths paths, BusLog log, Target target) {
        this.directory = new SpoolDirectory(paths.spoolDir());
        this.log = log;
        this.target = target;
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
                String problem = PublishCheck.problem(publish);
                if (problem != null) {
                    if (++rejected <= 5) {
                        log.warn("spool file " + name + ": rejected an event: " + JsonText.quote(problem));
                    }
                } else if (!target.publish(publish.eventType(), publish.eventId(), sourceTime(publish), publish.payload())) {
                    duplicates++;
                }
            }
            target.awaitStored();
            file.delete();
        } finally {
            file.release(); // a file left after a failure goes back to the spool for the next try
        }
        log.info("took spool file " + name + ": " + events + " events (" + duplicates + " duplicates, "
                + rejected + " rejected)");
        return events;
    }

    private static String sourceTime(Message.Publish publish) {
        return publish.sourceTime() != null ? publish.sourceTime() : Long.toString(System.currentTimeMillis());
    }
}
