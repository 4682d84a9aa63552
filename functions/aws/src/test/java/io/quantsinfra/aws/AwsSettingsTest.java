package io.quantsinfra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of(AwsSettings.SUBNETS, "subnet-a=us-east-1a,subnet-b=us-east-1b",
                AwsSettings.SECURITY_GROUPS, "sg-1"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void from_readsSubnetsWithTheirZones_andDefaults() {
        AwsSettings s = AwsSettings.from(env());

        assertEquals(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b"), s.subnetZones());
        assertEquals("quants-infra", s.cluster());
        assertEquals("quants-infra/", s.secretPrefix());
        assertEquals(AwsSettings.from(s.toEnvironment()), s, "toEnvironment is the inverse of from");
    }

    @Test
    void jobs_concurrencyDefaultsToTen_logGroupIsUnderThePrefix_andBadValuesFailWithTheVariable() {
        AwsSettings s = AwsSettings.from(env());
        assertEquals(10, s.jobSettings().concurrency());
        assertEquals("/quants-infra/jobs", s.jobSettings().logGroup());
        assertEquals(4, AwsSettings.from(env(AwsSettings.JOBS_CONCURRENCY, "4")).jobSettings().concurrency());
        assertEquals(AwsSettings.from(env(AwsSettings.JOBS_CONCURRENCY, "4")),
                AwsSettings.from(AwsSettings.from(env(AwsSettings.JOBS_CONCURRENCY, "4")).toEnvironment()));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AwsSettings.from(env(AwsSettings.JOBS_CONCURRENCY, "0")));
        assertEquals("QUANTS_INFRA_JOBS_CONCURRENCY must be between 1 and 1000, got 0", e.getMessage());
    }

    @Test
    void from_metricsAreOff_unlessTurnedOn() {
        assertEquals(false, AwsSettings.from(env()).metrics());
        assertEquals(true, AwsSettings.from(env(AwsSettings.METRICS, "true")).metrics());
        assertEquals(AwsSettings.from(env(AwsSettings.METRICS, "true")),
                AwsSettings.from(AwsSettings.from(env(AwsSettings.METRICS, "true")).toEnvironment()));
    }

    @Test
    void from_prometheusUrl_isALoopbackOverride_keptThroughToEnvironment() {
        AwsSettings s = AwsSettings.from(env(AwsSettings.PROMETHEUS_URL, "http://127.0.0.1:19090/"));
        assertEquals(java.net.URI.create("http://127.0.0.1:19090"), s.prometheusUrl());
        assertEquals(s, AwsSettings.from(s.toEnvironment()));
        assertEquals(null, AwsSettings.from(env()).prometheusUrl());
    }

    @ParameterizedTest(name = "{0}={1} fails naming the variable")
    @CsvSource(delimiter = '|', value = {
            "QUANTS_INFRA_SUBNETS|subnet-a",
            "QUANTS_INFRA_SUBNETS|=us-east-1a",
            "QUANTS_INFRA_SECURITY_GROUPS|' '",
            "QUANTS_INFRA_ASSIGN_PUBLIC_IP|maybe",
            "QUANTS_INFRA_METRICS|on",
            "QUANTS_INFRA_AWS_RETRIES|11",
            "AWS_ENDPOINT_URL|not a url",
            "QUANTS_INFRA_PROMETHEUS_URL|http://10.0.1.5:9090",
            "QUANTS_INFRA_PROMETHEUS_URL|https://127.0.0.1:9090",
            "QUANTS_INFRA_PROMETHEUS_URL|http://localhost:9090",
            "QUANTS_INFRA_PROMETHEUS_URL|http://127.0.0.1:9090/api/v1/query?x=1"})
    void from_refusesBadSettings_namingTheVariable(String key, String value) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AwsSettings.from(env(key, value)));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
