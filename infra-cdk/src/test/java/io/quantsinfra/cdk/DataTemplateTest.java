package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.shared.SharedNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Tables, buckets, the secrets key and the service log groups: one fact per test. */
class DataTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template data = app.template("Data");

    @Test
    void everyTable_hasPointInTimeRecovery() {
        List<TemplateWalk.Resource> tables = TemplateWalk.resources(app, "AWS::DynamoDB::Table");
        assertFalse(tables.isEmpty());
        tables.forEach(t -> assertEquals(Map.of("PointInTimeRecoveryEnabled", true),
                t.properties().get("PointInTimeRecoverySpecification"), t.toString()));
    }

    @Test
    void everyTable_isEncryptedWithKms() {
        TemplateWalk.resources(app, "AWS::DynamoDB::Table").forEach(t -> assertEquals(Map.of("SSEEnabled", true),
                t.properties().get("SSESpecification"), t.toString()));
    }

    @Test
    void stateTable_hasTheNameAndKeysFunctionsUses() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", SharedNames.table(),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST")));
    }

    @Test
    void stateTable_isProtectedFromDeletion() {
        data.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain", "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)))));
    }

    @Test
    void secretsKey_rotatesYearly() {
        data.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    }

    @Test
    void everyBucket_blocksAllPublicAccess() {
        List<TemplateWalk.Resource> buckets = TemplateWalk.resources(app, "AWS::S3::Bucket");
        assertTrue(buckets.size() >= 4, "buckets: " + buckets);
        buckets.forEach(b -> assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), b.properties().get("PublicAccessBlockConfiguration"), b.toString()));
    }

    @Test
    void everyBucket_isEncrypted() {
        TemplateWalk.resources(app, "AWS::S3::Bucket").forEach(b -> assertTrue(
                TemplateWalk.at(b.properties(), "BucketEncryption", "ServerSideEncryptionConfiguration") != null, b.toString()));
    }

    @Test
    void everyBucket_hasLifecycleRules() {
        TemplateWalk.resources(app, "AWS::S3::Bucket").forEach(b -> assertTrue(
                TemplateWalk.at(b.properties(), "LifecycleConfiguration", "Rules") instanceof List<?> l && !l.isEmpty(), b.toString()));
    }

    @Test
    void everyBucket_refusesRequestsWithoutTls() {
        List<String> denied = TemplateWalk.resources(app, "AWS::S3::BucketPolicy").stream()
                .filter(p -> TemplateWalk.statements(app).stream().anyMatch(s -> s.owner().equals(p) && !s.allows()
                        && String.valueOf(s.condition()).contains("aws:SecureTransport=false")))
                .map(p -> String.valueOf(TemplateWalk.at(p.properties(), "Bucket"))).toList();
        assertEquals(TemplateWalk.resources(app, "AWS::S3::Bucket").size(), denied.size(), "TLS-only policies: " + denied);
    }

    @Test
    void serviceLogGroups_areNamedPerServiceUnderThePrefix() {
        for (String service : SharedNames.services()) {
            data.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of(
                    "LogGroupName", SharedNames.logGroup(service), "RetentionInDays", 30)));
        }
    }
}
