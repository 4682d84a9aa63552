package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cdk.shared.LambdaEnvironment;
import io.quantsinfra.cdk.shared.SharedNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The environment the control plane's Lambdas get is exactly what {@code functions/} reads: the names of
 * {@link AwsSettings#VARIABLES} (less the two Lambda must not have) and the log level logback reads.
 */
class LambdaEnvironmentTest {

    @Test
    void everyControlPlaneLambda_getsExactlyTheVariablesFunctionsReads() {
        Set<String> expected = new TreeSet<>(AwsSettings.VARIABLES);
        expected.removeAll(Set.of(AwsSettings.REGION, AwsSettings.ENDPOINT));
        expected.add(LambdaEnvironment.LOG_LEVEL);
        // The variant app sets egressAllow, so there every variable is present; the standard app leaves it unset.
        ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).forEach(f -> assertEquals(expected,
                new TreeSet<>(variables(f).keySet()), f.toString()));
        Set<String> standard = new TreeSet<>(expected);
        standard.removeAll(LambdaEnvironment.OPTIONAL);
        ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.standard()).forEach(f -> assertEquals(standard,
                new TreeSet<>(variables(f).keySet()), f.toString()));
    }

    @Test
    void vpcCidrs_isTheVpcsOwnRange_soNotificationsCannotReachIt() {
        Object standard = variables(ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.standard()).getFirst()).get(AwsSettings.VPC_CIDRS);
        Object variant = variables(ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).getFirst()).get(AwsSettings.VPC_CIDRS);
        assertFalse(standard instanceof String, "the created VPC's CIDR is a reference to it: " + standard);
        assertEquals("10.9.0.0/16", variant);
        assertEquals("10.9.8.0/24", variables(ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).getFirst())
                .get(AwsSettings.EGRESS_ALLOW));
    }

    @Test
    void noLambda_setsAwsRegionOrAnEndpointOverride() {
        for (SynthesizedApp app : new SynthesizedApp[] {SynthesizedApp.standard(), SynthesizedApp.variant()}) {
            TemplateWalk.resources(app, "AWS::Lambda::Function").forEach(f -> {
                assertFalse(variables(f).containsKey(AwsSettings.REGION), f.toString());
                assertFalse(variables(f).containsKey(AwsSettings.ENDPOINT), f.toString());
            });
        }
    }

    @Test
    void apiEnvironment_isAcceptedByAwsSettings() {
        Map<String, String> env = new HashMap<>();
        variables(ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).getFirst()).forEach((name, value) ->
                env.put(name, value instanceof String s ? s : placeholder(name)));
        AwsSettings settings = AwsSettings.from(env);
        assertEquals(SharedNames.logGroupPrefix(), settings.logGroupPrefix());
        assertEquals(Map.of("subnet-0aaaaaaaaaaaaaaa1", "us-east-1a", "subnet-0bbbbbbbbbbbbbbb2", "us-east-1b"), settings.subnetZones());
        assertEquals(true, settings.assignPublicIp());
    }

    @Test
    void builder_refusesAVariableFunctionsDoesNotRead() {
        assertThrows(LambdaEnvironment.UnknownVariableException.class, () -> LambdaEnvironment.builder().put("QUANTS_INFRA_TYPO", "x"));
    }

    @Test
    void builder_refusesAwsRegion() {
        assertThrows(LambdaEnvironment.UnknownVariableException.class, () -> LambdaEnvironment.builder().put(AwsSettings.REGION, "us-east-1"));
    }

    @Test
    void builder_refusesAnEndpointOverride() {
        assertThrows(LambdaEnvironment.UnknownVariableException.class,
                () -> LambdaEnvironment.builder().put(AwsSettings.ENDPOINT, "http://127.0.0.1:4566"));
    }

    /** A value of the right shape for a variable whose value is a CloudFormation reference in the template. */
    private static String placeholder(String name) {
        if (name.equals(AwsSettings.SERVICE_TASK_ROLE_ARNS)) {
            return "monitor=arn:aws:iam::123456789012:role/resolved-at-deploy-time";
        }
        return name.equals(AwsSettings.SUBNETS) ? "subnet-1=us-east-1a" : "resolved-at-deploy-time";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(TemplateWalk.Resource function) {
        Object v = TemplateWalk.at(function.properties(), "Environment", "Variables");
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
