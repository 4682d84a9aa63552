package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The network in the default (NAT) mode and in the low-cost mode: one fact per test. */
class NetworkTemplateTest {
    private final SynthesizedApp standard = SynthesizedApp.standard();
    private final SynthesizedApp lowCost = SynthesizedApp.variant();

    @Test
    void defaultVpc_hasPrivateSubnetsInTwoZones() {
        standard.template("Network").resourcePropertiesCountIs("AWS::EC2::Subnet",
                Match.objectLike(Map.of("MapPublicIpOnLaunch", false)), 2);
    }

    @Test
    void defaultVpc_hasOneNatGateway() {
        standard.template("Network").resourceCountIs("AWS::EC2::NatGateway", 1);
    }

    @Test
    void defaultVpc_reachesS3AndDynamoDbThroughGatewayEndpoints() {
        standard.template("Network").resourcePropertiesCountIs("AWS::EC2::VPCEndpoint",
                Match.objectLike(Map.of("VpcEndpointType", "Gateway")), 2);
    }

    @Test
    void defaultVpc_logsItsFlows() {
        standard.template("Network").hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of("TrafficType", "ALL")));
    }

    @Test
    void noSecurityGroup_acceptsTrafficFromAnAddressRange() {
        for (SynthesizedApp app : new SynthesizedApp[] {standard, lowCost}) {
            TemplateWalk.resources(app, "AWS::EC2::SecurityGroupIngress").forEach(rule -> {
                assertNull(rule.properties().get("CidrIp"), rule.toString());
                assertNull(rule.properties().get("CidrIpv6"), rule.toString());
                assertTrue(rule.properties().containsKey("SourceSecurityGroupId"), rule.toString());
            });
            TemplateWalk.resources(app, "AWS::EC2::SecurityGroup").forEach(sg ->
                    assertNull(sg.properties().get("SecurityGroupIngress"), sg.toString()));
        }
    }

    @Test
    void instances_acceptOnlyOtherInstancesAndTheControlPlane() {
        assertEquals(2, TemplateWalk.resources(standard, "AWS::EC2::SecurityGroupIngress").stream()
                .filter(r -> String.valueOf(r.properties().get("GroupId")).contains("InstanceSecurityGroup")).count());
    }

    @Test
    void lowCostMode_hasNoNatGateway() {
        assertEquals(0, TemplateWalk.resources(lowCost, "AWS::EC2::NatGateway").size());
    }

    @Test
    void lowCostMode_givesTasksPublicAddresses() {
        lowCost.template("ControlPlane").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of("QUANTS_INFRA_ASSIGN_PUBLIC_IP", "true"))))));
    }

    @Test
    void lowCostMode_runsTheApiOutsideTheVpc() {
        ControlPlaneTemplateTest.javaFunctions(lowCost).forEach(f -> assertNull(f.properties().get("VpcConfig"), f.toString()));
    }

    @Test
    void importedVpc_isNotCreated() {
        assertFalse(TemplateWalk.resources(lowCost).stream().anyMatch(r -> r.type().startsWith("AWS::EC2::VPC")
                || r.type().equals("AWS::EC2::Subnet")));
    }

    @Test
    void importedVpc_instanceSubnetsReachTheControlPlaneWithTheirZones() {
        lowCost.template("ControlPlane").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of("QUANTS_INFRA_SUBNETS",
                        "subnet-0aaaaaaaaaaaaaaa1=us-east-1a,subnet-0bbbbbbbbbbbbbbb2=us-east-1b"))))));
    }
}
