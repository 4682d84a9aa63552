package io.quantsinfra.cdk.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The evaluator's rules, each on a one-statement policy: what grants an action and what does not. */
class PolicyEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = IamActionTable.arn("dynamodb", "table/quants-infra-state");
    private static final String SERVICE = IamActionTable.arn("ecs", "service/quants-infra/bot-1");
    private static final Map<String, Object> TEMPLATE = Map.of("Resources", Map.of(
            "StateTable", Map.of("Type", "AWS::DynamoDB::Table", "Properties", Map.of("TableName", "quants-infra-state"))));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an action the statement does not list is not granted",
                        "{\"Effect\":\"Allow\",\"Action\":\"cloudwatch:GetMetricData\",\"Resource\":\"*\"}",
                        new Required("cloudwatch:ListMetrics", List.of(), Map.of(), "t"), false),
                Arguments.of("star grants an action without resource-level permissions",
                        "{\"Effect\":\"Allow\",\"Action\":[\"cloudwatch:ListMetrics\"],\"Resource\":\"*\"}",
                        new Required("cloudwatch:ListMetrics", List.of(), Map.of(), "t"), true),
                Arguments.of("star does not count for a resource-level action",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:UpdateItem\",\"Resource\":\"*\"}",
                        new Required("dynamodb:UpdateItem", List.of(TABLE), Map.of(), "t"), false),
                Arguments.of("GetAtt of a named table resolves to its ARN",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:UpdateItem\",\"Resource\":{\"Fn::GetAtt\":[\"StateTable\",\"Arn\"]}}",
                        new Required("dynamodb:UpdateItem", List.of(TABLE), Map.of(), "t"), true),
                Arguments.of("another table's ARN is not granted",
                        "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:UpdateItem\",\"Resource\":{\"Fn::GetAtt\":[\"StateTable\",\"Arn\"]}}",
                        new Required("dynamodb:UpdateItem", List.of(IamActionTable.arn("dynamodb", "table/other")), Map.of(), "t"), false),
                Arguments.of("Fn::Join with pseudo parameters and a wildcard matches",
                        "{\"Effect\":\"Allow\",\"Action\":\"ecs:UpdateService\",\"Resource\":{\"Fn::Join\":[\"\",[\"arn:\","
                                + "{\"Ref\":\"AWS::Partition\"},\":ecs:\",{\"Ref\":\"AWS::Region\"},\":\",{\"Ref\":\"AWS::AccountId\"},"
                                + "\":service/quants-infra/*\"]]}}",
                        new Required("ecs:UpdateService", List.of(SERVICE), Map.of(), "t"), true),
                Arguments.of("a request-tag condition fails without the tag",
                        "{\"Effect\":\"Allow\",\"Action\":\"ecs:CreateService\",\"Resource\":\"" + SERVICE.replace("bot-1", "*") + "\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/managed-by\":\"quants-infra\"}}}",
                        new Required("ecs:CreateService", List.of(SERVICE), Map.of(), "t"), false),
                Arguments.of("a request-tag condition holds with the tag",
                        "{\"Effect\":\"Allow\",\"Action\":\"ecs:CreateService\",\"Resource\":\"" + SERVICE.replace("bot-1", "*") + "\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/managed-by\":\"quants-infra\"}}}",
                        new Required("ecs:CreateService", List.of(SERVICE), Map.of("aws:RequestTag/managed-by", List.of("quants-infra")), "t"), true),
                Arguments.of("a namespace condition refuses another namespace",
                        "{\"Effect\":\"Allow\",\"Action\":\"cloudwatch:PutMetricData\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEquals\":{\"cloudwatch:namespace\":\"QuantsInfra\"}}}",
                        new Required("cloudwatch:PutMetricData", List.of(), Map.of("cloudwatch:namespace", List.of("AWS/ECS")), "t"), false),
                Arguments.of("ForAllValues on tag keys holds when every key matches",
                        "{\"Effect\":\"Allow\",\"Action\":\"ecs:TagResource\",\"Resource\":\"*\","
                                + "\"Condition\":{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"quants-infra:*\"]}}}",
                        new Required("ecs:TagResource", List.of(), Map.of("aws:TagKeys", List.of("quants-infra:host")), "t"), true),
                Arguments.of("a resource-tag condition is assumed met",
                        "{\"Effect\":\"Allow\",\"Action\":\"ecs:UpdateService\",\"Resource\":\"" + SERVICE + "\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/managed-by\":\"quants-infra\"}}}",
                        new Required("ecs:UpdateService", List.of(SERVICE), Map.of(), "t"), true),
                Arguments.of("a matching Deny wins",
                        "{\"Effect\":\"Deny\",\"Action\":\"ecs:*\",\"Resource\":\"*\"}",
                        new Required("ecs:ListServices", List.of(), Map.of(), "t"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluate_decidesOneAction(String name, String statement, Required required, boolean allowed) throws Exception {
        Map<String, Object> json = JSON.readValue(statement, new TypeReference<>() { });
        List<PolicyEvaluator.Statement> statements = new java.util.ArrayList<>(List.of(new PolicyEvaluator.Statement("S", "p", json)));
        if ("Deny".equals(json.get("Effect"))) {
            statements.add(new PolicyEvaluator.Statement("S", "p", Map.of("Effect", "Allow", "Action", "ecs:ListServices", "Resource", "*")));
        }
        PolicyEvaluator evaluator = new PolicyEvaluator(new TemplateValues(Map.of("S", TEMPLATE)));
        assertEquals(allowed, evaluator.evaluate(required, statements).allowed(), name);
    }
}
