package dev.evbus.bridge;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure the app's stream and this host's durable consumer exist, on each (re)connect. The
 * host that creates the stream sets its limits; a later host only adds its subject filter or
 * changes the replicas when they differ, so hosts with slightly different configs do not fight.
 */
final class StreamSetup {
    /** JetStream's "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;

    /** JetStream refused the stream or the consumer as configured: no retry helps until a person acts. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message);
        }
    }

    private StreamSetup() {
    }

    static void ensure(JetStreamManagement jsm, NatsBridgeConfig config) throws IOException, JetStreamApiException, Conflict {
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(config.stream());
        } catch (JetStreamApiException missing) {
            if (missing.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw missing;
            }
            info = null;
        }
        if (info == null) {
            jsm.addStream(StreamConfiguration.builder().name(config.stream()).subjects(config.subjectFilter())
                    .storageType(StorageType.File).replicas(config.replicas()).duplicateWindow(config.duplicateWindow())
                    .maxAge(config.maxAge()).maxBytes(config.maxBytes()).build());
        } else {
            adjust(jsm, config, info.getConfiguration());
        }
        ConsumerConfiguration consumer = ConsumerConfiguration.builder().durable(config.node()).ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All).filterSubject(config.subjectFilter()).build();
        try {
            jsm.addOrUpdateConsumer(config.stream(), consumer);
        } catch (JetStreamApiException refused) {
            throw new Conflict("the durable consumer " + Quote.of(config.node()) + " of stream " + Quote.of(config.stream())
                    + " exists with other settings and cannot be updated: " + Quote.of(refused.getMessage())
                    + " (delete it with `nats consumer rm`, or pick another node name)");
        }
    }

    private static void adjust(JetStreamManagement jsm, NatsBridgeConfig config, StreamConfiguration have)
            throws IOException, Conflict {
        boolean coversUs = have.getSubjects().contains(config.subjectFilter());
        if (coversUs && have.getReplicas() == config.replicas() && have.getStorageType() == StorageType.File) {
            return;
        }
        if (have.getStorageType() != StorageType.File) {
            throw new Conflict("stream " + Quote.of(config.stream()) + " exists with memory storage; the bridge needs file"
                    + " storage (delete the stream or name another in bridge.nats.stream)");
        }
        List<String> subjects = new ArrayList<>(have.getSubjects());
        if (!coversUs) {
            subjects.add(config.subjectFilter());
        }
        try {
            jsm.updateStream(StreamConfiguration.builder(have).subjects(subjects).replicas(config.replicas()).build());
        } catch (JetStreamApiException refused) {
            throw new Conflict("stream " + Quote.of(config.stream()) + " exists with subjects " + Quote.of(have.getSubjects().toString())
                    + " and replicas " + have.getReplicas() + ", and cannot take subject " + Quote.of(config.subjectFilter())
                    + " with replicas " + config.replicas() + ": " + Quote.of(refused.getMessage()));
        }
    }
}
