package io.quantsinfra.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.document.DocumentLimits;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.routing.StoredRoutingConfig;
import io.quantsinfra.core.rule.StoredRuleFile;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stores measure an item as DynamoDB does before PutItem: core's document count equals the adapter's
 * count of what it writes, a document at core's limit fits in an item, and an oversized item is refused as bad
 * input with nothing sent.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemSizeTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    AwsClients clients;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("rule file", Map.of("groups", List.of(Map.of("name", "g", "interval", "1m",
                        "rules", List.of(Map.of("alert", "A", "expr", "m > 1", "labels", Map.of("severity", "page"))))))),
                Arguments.of("numbers, booleans and nulls", new HashMap<>(Map.of("a", 12345, "b", 1.5, "c", true,
                        "d", List.of(-7, 0, 1000)))),
                Arguments.of("utf-8 text", Map.of("summary", "CPU über 80 % — 🔥")),
                Arguments.of("empty containers", Map.of("l", List.of(), "m", Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void documents(String name, Map<String, Object> doc) {
        long asWritten = ItemSize.of(Map.of("d", AttributeValues.of(doc))) - 1;

        assertEquals(DocumentLimits.measure(doc).bytes(), asWritten);
    }

    @Test
    void documentAtCoreLimit_fitsInAnItem_andIsStored() {
        DynamoDbRuleStore store = new DynamoDbRuleStore(clients.dynamoDb(), clients.settings().table());
        Map<String, Object> doc = Map.of("groups", List.of(Map.of("name", "x".repeat(DocumentLimits.MAX_BYTES - 40))));
        assertTrue(DocumentLimits.problem(doc, "it").isEmpty());

        store.put(new StoredRuleFile("at-limit", 1, doc, NOW, "a".repeat(128)));

        assertEquals(doc, store.get("at-limit").orElseThrow().document());
    }

    @Test
    void oversizedItem_isRefusedAsBadInput_andNothingIsWritten() {
        DynamoDbRoutingConfigStore store = new DynamoDbRoutingConfigStore(clients.dynamoDb(), clients.settings().table());
        Map<String, Object> doc = Map.of("route", Map.of("receiver", "r".repeat(ItemSize.MAX_ITEM_BYTES)));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> store.put(new StoredRoutingConfig(1, doc, NOW, "tester")));

        assertEquals("document", e.field());
        assertTrue(e.getMessage().contains("DynamoDB's item limit is 409,600 bytes (400 KB)"), e::getMessage);
        assertTrue(store.get().isEmpty());
    }

    @Test
    void itemSize_countsNamesAndValues() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("RULES"), "version", AttributeValue.fromN("12"),
                "ok", AttributeValue.fromBool(true));

        assertEquals(2 + 5 + 7 + 2 + 2 + 1, ItemSize.of(item));
    }
}
