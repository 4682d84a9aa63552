package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.config.AppConfig;
import io.quantsinfra.cdk.config.InvalidContextException;
import io.quantsinfra.cdk.config.NetworkMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Context validation at the edge: a bad value fails synth with its key and the reason. */
class AppConfigTest {
    private static final Path ROOT = Path.of("/repo");

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("environment name with capitals", Map.of("environmentName", "Prod"), "environmentName"),
                Arguments.of("account that is not 12 digits", Map.of("account", "1234"), "account"),
                Arguments.of("region that is not a region", Map.of("region", "useast1"), "region"),
                Arguments.of("unknown network mode", Map.of("networkMode", "vpn"), "networkMode"),
                Arguments.of("more NAT gateways than zones", Map.of("natGateways", 3), "natGateways"),
                Arguments.of("a single availability zone", Map.of("maxAzs", 1), "maxAzs"),
                Arguments.of("CIDR wider than /16", Map.of("vpcCidr", "10.0.0.0/8"), "vpcCidr"),
                Arguments.of("subnets without a VPC id", Map.of("instanceSubnetIds", "subnet-0123456789abcdef0"), "instanceSubnetIds"),
                Arguments.of("imported VPC with one zone", Map.of("vpcId", "vpc-0123456789abcdef0", "vpcAvailabilityZones",
                        "us-east-1a", "instanceSubnetIds", "subnet-0123456789abcdef0"), "vpcAvailabilityZones"),
                Arguments.of("imported VPC with fewer subnets than zones", Map.of("vpcId", "vpc-0123456789abcdef0",
                        "vpcAvailabilityZones", "us-east-1a,us-east-1b", "instanceSubnetIds", "subnet-0123456789abcdef0"),
                        "instanceSubnetIds"),
                Arguments.of("malformed VPC id", Map.of("vpcId", "vpc-xyz"), "vpcId"),
                Arguments.of("domain without certificate", Map.of("siteDomainName", "runbooks.example.com"), "siteCertificateArn"),
                Arguments.of("certificate outside us-east-1", Map.of("siteDomainName", "runbooks.example.com", "siteCertificateArn",
                        "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"), "siteCertificateArn"),
                Arguments.of("rate in seconds", Map.of("alertEvaluationRate", "30 seconds"), "alertEvaluationRate"),
                Arguments.of("rate of zero", Map.of("healthProbeRate", "0 minutes"), "healthProbeRate"),
                Arguments.of("throttle rate of zero", Map.of("apiThrottleRateLimit", 0), "apiThrottleRateLimit"),
                Arguments.of("burst that is not a number", Map.of("apiThrottleBurstLimit", "lots"), "apiThrottleBurstLimit"),
                Arguments.of("memory below 512 MB", Map.of("lambdaMemoryMb", 256), "lambdaMemoryMb"),
                Arguments.of("unknown log level", Map.of("logLevel", "VERBOSE"), "logLevel"),
                Arguments.of("retention CloudWatch does not offer", Map.of("logRetentionDays", 31), "logRetentionDays"),
                Arguments.of("sender that is not an address", Map.of("alertEmailSender", "alerts"), "alertEmailSender"),
                Arguments.of("unknown removal policy", Map.of("removalPolicy", "snapshot"), "removalPolicy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValue_isRefusedNamingItsKey(String name, Map<String, Object> context, String key) {
        InvalidContextException e = assertThrows(InvalidContextException.class, () -> AppConfig.from(context::get, ROOT));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cdk.json context '" + key + "'"), e.getMessage());
    }

    @Test
    void rates_becomeEventBridgeExpressions() {
        AppConfig c = AppConfig.from(Map.<String, Object>of("alertEvaluationRate", "5 minutes", "healthProbeRate", "rate(1 hour)")::get, ROOT);
        assertEquals(List.of("rate(5 minutes)", "rate(1 hour)"), List.of(c.alertEvaluationRate(), c.healthProbeRate()));
    }

    @Test
    void noContext_givesTheDocumentedDefaults() {
        AppConfig c = AppConfig.from(new HashMap<String, Object>()::get, ROOT);
        assertEquals(NetworkMode.GATEWAY, c.network().mode());
        assertEquals(1, c.network().natGateways());
        assertEquals(Path.of("/repo/functions/api/target/quants-infra-api-lambda.jar"), c.apiLambdaJar());
        assertEquals(AppConfig.DataRemoval.RETAIN, c.removalPolicy());
    }

    @Test
    void listValues_acceptJsonArraysAndCommaSeparatedStrings() {
        AppConfig a = AppConfig.from(Map.<String, Object>of("vpcId", "vpc-0123456789abcdef0",
                "vpcAvailabilityZones", List.of("us-east-1a", "us-east-1b"),
                "instanceSubnetIds", "subnet-0123456789abcdef0, subnet-0123456789abcdef1")::get, ROOT);
        assertEquals(List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"), a.network().imported().instanceSubnetIds());
    }
}
