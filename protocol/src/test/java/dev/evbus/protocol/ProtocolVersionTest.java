package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void theCurrentVersionIsCompatibleWithItself() {
        assertNull(ProtocolVersion.incompatibility(ProtocolVersion.CURRENT, ProtocolVersion.CURRENT));
    }

    @Test
    void beforeOnePointZeroMajorAndMinorMustMatchAndPatchesDoNotMatter() {
        assertNull(ProtocolVersion.incompatibility("0.1.0", "0.1.7"));
        assertNull(ProtocolVersion.incompatibility("0.1.7", "0.1.0"));
        assertNotNull(ProtocolVersion.incompatibility("0.1.0", "0.2.0"));
        assertNotNull(ProtocolVersion.incompatibility("0.2.0", "0.1.0"));
    }

    @Test
    void fromOnePointZeroABusServesClientsOfItsMajorThatAreNotNewerInTheMinor() {
        assertNull(ProtocolVersion.incompatibility("1.4.0", "1.2.9"));
        assertNull(ProtocolVersion.incompatibility("1.4.0", "1.4.0"));
        assertNotNull(ProtocolVersion.incompatibility("1.3.0", "1.4.0"));
        assertNotNull(ProtocolVersion.incompatibility("2.0.0", "1.9.0"));
        assertNotNull(ProtocolVersion.incompatibility("1.9.0", "2.0.0"));
    }

    @Test
    void suffixesAreIgnoredAndUnreadableVersionsAreNeverCompatible() {
        assertNull(ProtocolVersion.incompatibility("0.1.0-SNAPSHOT", "0.1.2+build.5"));
        assertNotNull(ProtocolVersion.incompatibility("0.1.0", null));
        assertNotNull(ProtocolVersion.incompatibility("0.1.0", "0.1"));
        assertNotNull(ProtocolVersion.incompatibility("0.1.0", "0.1.x"));
        assertNotNull(ProtocolVersion.incompatibility("0.1.0", "0.1.99999999999"));
        assertTrue(ProtocolVersion.incompatibility("0.1.0", "garbage\n").contains("\\n"),
                "an untrusted version is quoted, never echoed raw");
    }

    @Test
    void theReasonNamesBothVersions() {
        String reason = ProtocolVersion.incompatibility("0.1.0", "0.2.0");
        assertTrue(reason.contains("0.1.0") && reason.contains("0.2.0"), reason);
    }
}
