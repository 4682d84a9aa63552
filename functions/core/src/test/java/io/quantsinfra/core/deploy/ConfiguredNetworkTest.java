package io.quantsinfra.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredNetworkTest {
    private final ConfiguredNetwork net = new ConfiguredNetwork(Map.of(
            "subnet-a1", "us-east-1a", "subnet-a2", "us-east-1a", "subnet-b1", "us-east-1b"));

    @Test
    void resolve_anAvailabilityZone_placesInEverySubnetOfIt() {
        assertEquals(new Placement("us-east-1a", List.of("subnet-a1", "subnet-a2")), net.resolve("us-east-1a"));
    }

    @Test
    void resolve_aSubnetId_placesInThatSubnetOnly() {
        assertEquals(List.of("subnet-b1"), net.resolve("subnet-b1").subnets());
    }

    @Test
    void resolve_anUnknownHost_isRefusedNamingTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.resolve("3.112.193.45"));
        assertEquals("hosts", e.field());
        assertTrue(e.getMessage().contains("us-east-1a, us-east-1b"), e.getMessage());
    }

    @Test
    void describe_namesTheZone_orSpread() {
        assertEquals("us-east-1a", net.describe(net.resolve("us-east-1a")));
        assertEquals("us-east-1b", net.describe(net.resolve("subnet-b1")));
        assertEquals("spread", net.describe(net.spread()));
    }
}
