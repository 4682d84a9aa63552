package io.quantsinfra.cdk;

import io.quantsinfra.aws.dynamodb.StateTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The state table expires items by the attribute the stores write (StateTable.TTL_ATTRIBUTE in functions/aws). */
class StateTableTtlTemplateTest {
    @Test
    void stateTable_expiresItemsByTheAttributeTheStoresWrite() {
        SynthesizedApp.standard().template("Data").hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TimeToLiveSpecification", Map.of("AttributeName", StateTable.TTL_ATTRIBUTE, "Enabled", true))));
    }
}
