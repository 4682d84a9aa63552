package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.shared.SharedNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Least privilege across every statement of both apps: one fact per test. */
class IamTemplateTest {
    private static final String TAG = SharedNames.managedTag().getKey();
    private static final String TAG_VALUE = SharedNames.managedTag().getValue();

    private static Stream<TemplateWalk.Statement> allStatements() {
        return Stream.of(SynthesizedApp.standard(), SynthesizedApp.variant()).flatMap(a -> TemplateWalk.statements(a).stream());
    }

    private static Stream<TemplateWalk.Statement> allowing(String action) {
        return allStatements().filter(s -> s.allows() && s.actions().contains(action));
    }

    @Test
    void noStatement_allowsEveryActionOfAService() {
        List<String> wildcards = allStatements().filter(TemplateWalk.Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(a -> a.equals("*") || a.endsWith(":*"))).map(Object::toString).toList();
        assertEquals(List.of(), wildcards);
    }

    @Test
    void ecsServiceChanges_requireTheManagedByTag() {
        Stream.of("ecs:UpdateService", "ecs:DeleteService").flatMap(IamTemplateTest::allowing).forEach(s -> assertEquals(
                Map.of("StringEquals", Map.of("aws:ResourceTag/" + TAG, TAG_VALUE)), s.condition(), s.toString()));
    }

    @Test
    void ecsCreations_requireTheManagedByRequestTag() {
        List<TemplateWalk.Statement> creates = Stream.of("ecs:CreateService", "ecs:RegisterTaskDefinition")
                .flatMap(IamTemplateTest::allowing).toList();
        assertFalse(creates.isEmpty());
        creates.forEach(s -> assertEquals(Map.of("StringEquals", Map.of("aws:RequestTag/" + TAG, TAG_VALUE)), s.condition(), s.toString()));
    }

    @Test
    void ecsTagging_neverChangesResourcesQuantsInfraDoesNotManage() {
        allowing("ecs:TagResource").forEach(s -> assertTrue(String.valueOf(s.condition()).contains("Tag/" + TAG + "=" + TAG_VALUE),
                s.toString()));
    }

    @Test
    void passRole_coversOnlyTheTaskRolesAndOnlyForEcsTasks() {
        List<TemplateWalk.Statement> pass = allowing("iam:PassRole").toList();
        assertFalse(pass.isEmpty());
        pass.forEach(s -> {
            assertEquals(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")), s.condition(), s.toString());
            // Services: the execution role, the shared task role and one task role per service type; one-off jobs: the
            // execution role and the shared task role only.
            assertEquals(String.valueOf(s.json().get("Sid")).contains("Job") ? 2 : 5, s.resources().size(), s.toString());
            assertTrue(String.valueOf(s.resources()).contains("ExecutionRole") && s.resources().stream()
                    .allMatch(r -> String.valueOf(r).contains("ExecutionRole") || String.valueOf(r).contains("TaskRole")), s.toString());
        });
    }

    @Test
    void secretsManager_isUsedOnlyUnderThePrefix() {
        allStatements().filter(TemplateWalk.Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:") && !a.equals("secretsmanager:ListSecrets")))
                .forEach(s -> s.resources().forEach(r -> assertTrue(
                        String.valueOf(r).matches(".*:secret:" + java.util.regex.Pattern.quote(SharedNames.secretPrefix())
                                + "([a-z]+/)?\\*.*"), s + " " + r)));
    }

    @Test
    void putMetricData_isLimitedToTheQuantsInfraNamespace() {
        List<TemplateWalk.Statement> puts = allowing("cloudwatch:PutMetricData").toList();
        assertFalse(puts.isEmpty());
        puts.forEach(s -> assertEquals(Map.of("StringEquals", Map.of("cloudwatch:namespace", SharedNames.METRICS_NAMESPACE)),
                s.condition(), s.toString()));
    }

    @Test
    void everyResourceWildcard_isOnAnActionWithoutResourceLevelPermissions() {
        // Actions the Service Authorization Reference lists without a resource type (or CDK's own grants).
        Set<String> noResourceLevel = Set.of("ecs:ListServices", "ecs:ListTasks", "ecs:DescribeTaskDefinition",
                "ecs:ListTaskDefinitions", "ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition",
                "secretsmanager:ListSecrets", "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:ListMetrics",
                "ecr:GetAuthorizationToken", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
                "cloudfront:CreateInvalidation", "cloudfront:GetInvalidation", "logs:CreateLogStream", "logs:PutLogEvents",
                "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupEgress");
        List<String> unexplained = allStatements().filter(TemplateWalk.Statement::allows)
                .filter(s -> s.resources().contains("*") && s.json().get("Principal") == null)
                .flatMap(s -> s.actions().stream().filter(a -> !noResourceLevel.contains(a)).map(a -> s + " -> " + a)).toList();
        assertEquals(List.of(), unexplained);
    }
}
