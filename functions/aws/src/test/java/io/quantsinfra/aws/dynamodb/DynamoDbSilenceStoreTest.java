package io.quantsinfra.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.routing.Matchers;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Silences round-trip through DynamoDB; one whose stored matcher no longer compiles under RE2 is skipped. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbSilenceStoreTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    AwsClients clients;
    DynamoDbSilenceStore store;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        store = new DynamoDbSilenceStore(clients.dynamoDb(), clients.settings().table());
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    @Test
    void all_skipsASilenceWhoseStoredMatcherIsNotRe2_andKeepsTheOthers() {
        store.put(new Silence("good", List.of(Matchers.of("service", LabelMatcher.Op.REGEX, "freq.*")), NOW,
                NOW.plusSeconds(3600), "arn:aws:iam::123456789012:user/ops", "maintenance", NOW, false, 0));
        Map<String, AttributeValue> old = new HashMap<>(Items.key(DynamoDbSilenceStore.PK, "old"));
        old.put("matchers", AttributeValues.of(List.of(Map.of("name", "service", "op", "=~", "value", "(?=freq).*"))));
        old.put("startsAt", AttributeValue.fromS(NOW.toString()));
        old.put("endsAt", AttributeValue.fromS(NOW.plusSeconds(3600).toString()));
        old.put("createdBy", AttributeValue.fromS("ops"));
        old.put("comment", AttributeValue.fromS("stored before RE2"));
        old.put("createdAt", AttributeValue.fromS(NOW.toString()));
        old.put("version", AttributeValue.fromN("1"));
        clients.dynamoDb().putItem(r -> r.tableName(clients.settings().table()).item(old));

        List<Silence> all = store.all();

        assertEquals(List.of("good"), all.stream().map(Silence::id).toList());
    }
}
