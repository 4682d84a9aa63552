package io.quantsinfra.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Items that should expire carry {@link StateTable#TTL_ATTRIBUTE} in epoch seconds, and the table expires by it. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateTableTtlTest {
    private AwsClients clients;
    private DynamoDbClient dynamo;
    private String table;

    @BeforeAll
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        dynamo = clients.dynamoDb();
        table = clients.settings().table();
    }

    @AfterAll
    void close() {
        dynamo.close();
        clients.close();
    }

    @Test
    void localAccount_enablesTtlOnTheAttributeTheStoresWrite() {
        TimeToLiveDescription ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals(StateTable.TTL_ATTRIBUTE, ttl.attributeName());
    }

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of("notification group", "NOTIFYGROUP", (BiConsumer<StateTableTtlTest, Instant>) (t, now) ->
                        new DynamoDbNotificationLog(t.dynamo, t.table).open("hook", "{alertname=HighCpu}", now)),
                Arguments.of("endpoint rate limit", "RATELIMIT", (BiConsumer<StateTableTtlTest, Instant>) (t, now) ->
                        new DynamoDbEndpointStats(t.dynamo, t.table).tryAcquire("hook", "primary", 10, now)),
                Arguments.of("evaluator lease", "LEASE", (BiConsumer<StateTableTtlTest, Instant>) (t, now) ->
                        new DynamoDbLease(t.dynamo, t.table).acquire("alert-evaluation", "test", now, Duration.ofMinutes(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void writtenItems_carryTheTtlAttribute_asEpochSecondsInTheFuture(String name, String pk,
                                                                     BiConsumer<StateTableTtlTest, Instant> write) {
        Instant now = Instant.now();
        write.accept(this, now);
        List<Map<String, AttributeValue>> items = Items.query(dynamo, table, pk, "read " + name);
        assertFalse(items.isEmpty(), name);
        for (Map<String, AttributeValue> item : items) {
            AttributeValue ttl = item.get(StateTable.TTL_ATTRIBUTE);
            assertTrue(ttl != null && ttl.n() != null, name + ": " + item.keySet());
            long at = Long.parseLong(ttl.n());
            // Seconds, not milliseconds (DynamoDB ignores a TTL it reads as centuries away), and after now.
            assertTrue(at > now.getEpochSecond() && at < now.plus(Duration.ofDays(30)).getEpochSecond(), name + ": ttl " + at);
        }
    }
}
