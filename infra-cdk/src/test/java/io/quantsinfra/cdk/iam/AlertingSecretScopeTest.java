package io.quantsinfra.cdk.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.cdk.SynthesizedApp;
import io.quantsinfra.cdk.stacks.ScheduledJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alert evaluator sends receivers' credentials to the receivers' hosts, so its role reads secrets under
 * {@code quants-infra/alerting/} and nothing else: a routing config that named an exchange key could not make it
 * read one even if core's apply-time check were bypassed.
 */
class AlertingSecretScopeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "alerting secret,   quants-infra/alerting/slack-AbCdEf,  true",
            "exchange key,      quants-infra/binance-AbCdEf,         false",
            "freqtrade api pwd, quants-infra/freqtrade/api-AbCdEf,   false",
            "outside prefix,    other/alerting/slack-AbCdEf,         false"})
    void alertEvaluatorRole_readsOnlyAlertingSecrets(String name, String secret, boolean allowed) {
        SynthesizedApp app = SynthesizedApp.standard();
        Map<String, Map<String, Object>> stacks = new LinkedHashMap<>();
        app.stackIds().forEach(id -> stacks.put(id, app.json(id)));
        RolePolicies role = RolePolicies.of(stacks, IamCheck.STACK, ScheduledJob.ALERT_EVALUATION);
        Required read = new Required("secretsmanager:GetSecretValue",
                List.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secret), Map.of(), name);

        assertEquals(allowed, new PolicyEvaluator(new TemplateValues(stacks)).evaluate(read, role.statements()).allowed(), name);
    }
}
