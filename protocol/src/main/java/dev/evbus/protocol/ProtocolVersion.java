package dev.evbus.protocol;

/** The version consumers and the bus exchange in hello; also the product version. */
public final class ProtocolVersion {
    public static final String CURRENT = "0.1.0";

    private ProtocolVersion() {
    }
}
