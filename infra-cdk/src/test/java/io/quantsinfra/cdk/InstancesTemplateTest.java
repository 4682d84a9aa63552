package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.shared.SharedNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The ECS cluster, the task roles and the collector's file system: one fact per test. */
class InstancesTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template instances = app.template("Instances");

    @Test
    void cluster_hasTheNameFunctionsUses() {
        instances.hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of("ClusterName", SharedNames.cluster())));
    }

    @Test
    void cluster_hasContainerInsights() {
        instances.hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
    }

    @Test
    void cloudMapNamespace_isPrivateToTheVpc() {
        instances.hasResourceProperties("AWS::ServiceDiscovery::PrivateDnsNamespace",
                Match.objectLike(Map.of("Name", SharedNames.cluster() + ".internal")));
    }

    @Test
    void executionRole_readsOnlySecretsUnderThePrefix() {
        List<TemplateWalk.Statement> reads = TemplateWalk.statements(app).stream()
                .filter(s -> s.owner().stack().equals("Instances") && s.actions().contains("secretsmanager:GetSecretValue")).toList();
        assertTrue(!reads.isEmpty());
        reads.forEach(s -> assertTrue(String.valueOf(s.resources()).contains(":secret:" + SharedNames.secretPrefix() + "*"), s.toString()));
    }

    @Test
    void taskRole_mountsTheCollectorFileSystemOnlyThroughTheAccessPoint() {
        instances.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"),
                        "Condition", Map.of("StringEquals", Map.of("elasticfilesystem:AccessPointArn", Match.anyValue())))))))))));
    }

    @Test
    void collectorFileSystem_isEncrypted() {
        instances.hasResourceProperties("AWS::EFS::FileSystem", Match.objectLike(Map.of("Encrypted", true)));
    }

    @Test
    void collectorFileSystem_refusesUnencryptedTransport() {
        instances.hasResourceProperties("AWS::EFS::FileSystem", Match.objectLike(Map.of("FileSystemPolicy", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void collectorAccessPoint_writesAsAnUnprivilegedUser() {
        instances.hasResourceProperties("AWS::EFS::AccessPoint", Match.objectLike(Map.of(
                "PosixUser", Map.of("Uid", "1000", "Gid", "1000"),
                "RootDirectory", Match.objectLike(Map.of("Path", "/data-collector")))));
    }
}
