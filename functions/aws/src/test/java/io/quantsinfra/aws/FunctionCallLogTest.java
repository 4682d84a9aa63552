package io.quantsinfra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** What the IAM check's call log keeps of a request, and when it attributes a call to its function. */
@ExtendWith(AwsEmulatorExtension.class)
class FunctionCallLogTest {
    @TempDir
    Path dir;

    @Test
    void line_namesTheSecret_butNeverItsValue() {
        String line = RequestResources.line("SecretsManager", "PutSecretValue",
                PutSecretValueRequest.builder().secretId("quants-infra/bot-1/api").secretString("hunter2-value").build());
        assertEquals("{\"operation\":\"PutSecretValue\",\"resources\":{\"SecretId\":[\"quants-infra/bot-1/api\"]},"
                + "\"service\":\"SecretsManager\"}", line);
    }

    @Test
    void line_keepsRequestTags_forRequestTagConditions() {
        String line = RequestResources.line("SecretsManager", "CreateSecret", CreateSecretRequest.builder()
                .name("quants-infra/x").secretString("s3cr3t").tags(Tag.builder().key("managed-by").value("quants-infra").build())
                .build());
        assertTrue(line.contains("\"tags\":[\"managed-by=quants-infra\"]"), line);
        assertFalse(line.contains("s3cr3t"), line);
    }

    @Test
    void line_namesEachTransactionActionsTable() {
        String line = RequestResources.line("DynamoDb", "TransactWriteItems", TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("t1").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName("t2").build()).build()).build());
        assertTrue(line.contains("\"transact\":[\"Put:t1\",\"Update:t2\"]"), line);
    }

    @Test
    void scoped_attributesOnlyCallsMadeDuringAnInvocation_onceEach(AwsEmulator aws) throws IOException {
        FunctionCallLog log = new FunctionCallLog("probe-test", false, dir);
        try (AwsClients clients = new AwsClients(EmulatedAccount.prepare(aws).settings(), List.of(log));
             var ecs = clients.ecs()) {
            ecs.listClusters();                          // setup: not the function's
            log.during(() -> ecs.describeClusters(r -> r.clusters("quants-infra")));
            log.during(() -> ecs.describeClusters(r -> r.clusters("quants-infra")));
        }
        assertEquals(List.of("{\"operation\":\"DescribeClusters\",\"resources\":{\"clusters\":[\"quants-infra\"]},\"service\":\"Ecs\"}"),
                Files.readAllLines(dir.resolve("probe-test.jsonl")));
    }

    @Test
    void always_attributesEveryCall(AwsEmulator aws) throws IOException {
        FunctionCallLog log = new FunctionCallLog("api-test", true, dir);
        try (AwsClients clients = new AwsClients(EmulatedAccount.prepare(aws).settings(), List.of(log));
             var ecs = clients.ecs()) {
            ecs.listClusters();
        }
        assertEquals(List.of("{\"operation\":\"ListClusters\",\"resources\":{},\"service\":\"Ecs\"}"),
                Files.readAllLines(dir.resolve("api-test.jsonl")));
    }
}
