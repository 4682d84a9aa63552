package io.quantsinfra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** QUANTS_INFRA_EGRESS_ALLOW and QUANTS_INFRA_VPC_CIDRS: parsed at start, a bad entry fails with the variable's name. */
class EgressSettingsTest {
    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of(AwsSettings.SUBNETS, "subnet-a=us-east-1a", AwsSettings.SECURITY_GROUPS, "sg-1"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void egress_isStrict_unlessConfigured() {
        AwsSettings s = AwsSettings.from(env());
        assertTrue(s.egress().allowed().isEmpty());
        assertFalse(s.egressGuard().check(URI.create("http://127.0.0.1:9090/-/quit")).allowed());
        assertFalse(s.toEnvironment().containsKey(AwsSettings.EGRESS_ALLOW));
    }

    @Test
    void egress_allowListAndVpcRanges_roundTrip() {
        AwsSettings s = AwsSettings.from(env(AwsSettings.EGRESS_ALLOW, "10.20.3.0/24, ::1/128", AwsSettings.VPC_CIDRS, "44.192.0.0/10"));
        assertTrue(s.egressGuard().check(URI.create("http://10.20.3.9/hook")).allowed());
        assertFalse(s.egressGuard().check(URI.create("http://44.192.0.1/hook")).allowed());
        assertEquals(s, AwsSettings.from(s.toEnvironment()));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("allow entry is a name", AwsSettings.EGRESS_ALLOW, "relay.example.com"),
                Arguments.of("allow entry has a bad length", AwsSettings.EGRESS_ALLOW, "10.0.0.0/40"),
                Arguments.of("vpc entry is not a CIDR", AwsSettings.VPC_CIDRS, "vpc-123"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void from_refusesABadCidr_namingTheVariable(String name, String key, String value) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AwsSettings.from(env(key, value)));
        assertTrue(e.getMessage().startsWith(key + ": '" + value + "'"), e.getMessage());
    }
}
