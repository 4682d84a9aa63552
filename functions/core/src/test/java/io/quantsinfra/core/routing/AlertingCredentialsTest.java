package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.rule.RepoFiles;
import io.quantsinfra.core.secret.AlertingSecrets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse-time rules: credentials come only from secrets named alerting/…, and no literal carries a token. */
class AlertingCredentialsTest {
    static final String ROUTE = "route:\n  receiver: r\n";

    static Stream<Arguments> nonAlertingReferences() {
        return Stream.of(
                Arguments.of("pagerduty routing_key from an exchange key", "pagerduty_configs: [{routing_key: {secretRef: binance, jsonKey: apiKey}}]",
                        "receivers[0].pagerduty_configs[0].routing_key.secretRef", "binance", "alerting/binance", "jsonKey: apiKey"),
                Arguments.of("telegram chat_id from a bot secret", "telegram_configs: [{bot_token: {secretRef: alerting/tg, jsonKey: t}, chat_id: {secretRef: freqtrade/exchange/secret}}]",
                        "receivers[0].telegram_configs[0].chat_id.secretRef", "freqtrade/exchange/secret", "alerting/secret", "{secretRef: alerting/secret}"),
                Arguments.of("telegram bot_token outside the prefix", "telegram_configs: [{bot_token: {secretRef: telegram, jsonKey: bot_token}, chat_id: '1'}]",
                        "receivers[0].telegram_configs[0].bot_token.secretRef", "telegram", "alerting/telegram", "jsonKey: bot_token"),
                Arguments.of("slack api_url outside the prefix", "slack_configs: [{api_url: {secretRef: slack, jsonKey: url}}]",
                        "receivers[0].slack_configs[0].api_url.secretRef", "slack", "alerting/slack", "jsonKey: url"),
                Arguments.of("webhook url outside the prefix", "webhook_configs: [{url: {secretRef: hooks/ops}}]",
                        "receivers[0].webhook_configs[0].url.secretRef", "hooks/ops", "alerting/ops", "{secretRef: alerting/ops}"),
                Arguments.of("dot-dot out of the prefix", "webhook_configs: [{url: {secretRef: alerting/../binance}}]",
                        "receivers[0].webhook_configs[0].url.secretRef", "alerting/../binance", "alerting/binance", "alerting/binance"),
                Arguments.of("the prefix alone", "webhook_configs: [{url: {secretRef: alerting/}}]",
                        "receivers[0].webhook_configs[0].url.secretRef", "alerting/", "alerting/NAME", "alerting/NAME"),
                Arguments.of("email auth_password outside the prefix", "email_configs: [{to: a@example.com, from: b@example.com, auth_password: {secretRef: smtp, jsonKey: password}}]",
                        "receivers[0].email_configs[0].auth_password.secretRef", "smtp", "alerting/smtp", "jsonKey: password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonAlertingReferences")
    void reference_toASecretNotMeantForAlerting_isRefusedWithTheCommand(String name, String integration, String field,
                                                                       String secret, String instead, String reference) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(
                ROUTE + "receivers:\n  - name: r\n    " + integration + "\n")));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains("secret '" + secret + "' is not meant for alerting"), e::getMessage);
        assertTrue(e.getMessage().contains("'quants-infra secrets put " + instead + " --value-file FILE'"), e::getMessage);
        assertTrue(e.getMessage().contains(reference), e::getMessage);
    }

    @Test
    void globalSlackApiUrl_outsideThePrefix_isRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(
                "global:\n  slack_api_url: {secretRef: slack}\n" + ROUTE + "receivers:\n  - name: r\n    slack_configs: [{channel: '#ops'}]\n")));
        assertEquals("global.slack_api_url.secretRef", e.field(), e::getMessage);
    }

    @Test
    void references_underThePrefix_parse() {
        RoutingConfig c = assertDoesNotThrow(() -> RoutingConfigs.parse(RepoFiles.yaml(ROUTE + """
                receivers:
                  - name: r
                    telegram_configs: [{bot_token: {secretRef: alerting/telegram, jsonKey: bot_token}, chat_id: {secretRef: alerting/telegram, jsonKey: chat_id}}]
                    slack_configs: [{api_url: {secretRef: alerting/slack/ops, jsonKey: url}}]
                    pagerduty_configs: [{routing_key: {secretRef: alerting/pagerduty}}]
                """)));
        assertEquals(3, c.receivers().get("r").integrations().size());
    }

    @Test
    void exampleConfig_parses_withAlertingSecretsOnly() {
        RoutingConfig c = RoutingConfigs.parse(RepoFiles.yaml(RepoFiles.root().resolve("examples/alertmanager.yml")));
        assertEquals(java.util.List.of("chat", "pager"), java.util.List.copyOf(c.receivers().keySet()));
    }

    static Stream<Arguments> literalTokens() {
        String hook = "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/CANARYcanary0123456789xy";
        return Stream.of(
                Arguments.of("slack hook as a webhook url", "webhook_configs: [{url: '" + hook + "'}]",
                        "receivers[0].webhook_configs[0].url", "Slack incoming-webhook URL", "alerting/webhook"),
                Arguments.of("user info in a webhook url", "webhook_configs: [{url: 'https://bot:CANARY@hooks.example.com/a'}]",
                        "receivers[0].webhook_configs[0].url", "user info", "alerting/webhook"),
                Arguments.of("token query parameter", "webhook_configs: [{url: 'https://hooks.example.com/a?token=CANARY'}]",
                        "receivers[0].webhook_configs[0].url", "query parameter 'token'", "alerting/webhook"),
                Arguments.of("api_key query parameter", "webhook_configs: [{url: 'https://hooks.example.com/a?x=1&api_key=CANARY'}]",
                        "receivers[0].webhook_configs[0].url", "query parameter 'api_key'", "alerting/webhook"),
                Arguments.of("presigned signature", "webhook_configs: [{url: 'https://b.example.com/o?X-Amz-Signature=CANARY'}]",
                        "receivers[0].webhook_configs[0].url", "query parameter 'X-Amz-Signature'", "alerting/webhook"),
                Arguments.of("password query parameter", "webhook_configs: [{url: 'https://hooks.example.com/a?password=CANARY'}]",
                        "receivers[0].webhook_configs[0].url", "query parameter 'password'", "alerting/webhook"),
                Arguments.of("token-like path segment", "webhook_configs: [{url: 'https://discord.example.com/api/webhooks/123/CANARYabc123def456ghi789'}]",
                        "receivers[0].webhook_configs[0].url", "token-like segment", "alerting/webhook"),
                Arguments.of("telegram bot token in api_url", "telegram_configs: [{api_url: 'https://api.telegram.org/bot123456789:CANARYabcdefghijklmnopqrstuvwxyz0/', bot_token: {secretRef: alerting/t}, chat_id: '1'}]",
                        "receivers[0].telegram_configs[0].api_url", "Telegram bot token", "alerting/telegram"),
                Arguments.of("token in pagerduty url", "pagerduty_configs: [{routing_key: {secretRef: alerting/pd}, url: 'https://events.example.com/v2/enqueue?auth=CANARY'}]",
                        "receivers[0].pagerduty_configs[0].url", "query parameter 'auth'", "alerting/pagerduty"),
                Arguments.of("token in pagerduty client_url", "pagerduty_configs: [{routing_key: {secretRef: alerting/pd}, client_url: 'https://grafana.example.com/d?auth_token=CANARY'}]",
                        "receivers[0].pagerduty_configs[0].client_url", "query parameter 'auth_token'", "alerting/pagerduty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literalTokens")
    void literal_thatCarriesAToken_isRefused_withoutRepeatingIt(String name, String integration, String field, String why,
                                                                String secret) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(
                ROUTE + "receivers:\n  - name: r\n    " + integration + "\n")));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(why), e::getMessage);
        assertTrue(e.getMessage().contains("'quants-infra secrets put " + secret + " --value-file FILE'"), e::getMessage);
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
    }

    static Stream<Arguments> plainUrls() {
        return Stream.of(
                Arguments.of("plain https webhook", "https://hooks.example.com/alerts"),
                Arguments.of("query without credentials", "https://hooks.example.com/alerts?team=ops&format=v4"),
                Arguments.of("short path segments", "https://ops.example.com/api/v1/webhooks/alertmanager"),
                Arguments.of("loopback for local mode", "http://127.0.0.1:9099/hook"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainUrls")
    void literal_withoutAToken_isAccepted(String name, String url) {
        assertDoesNotThrow(() -> RoutingConfigs.parse(RepoFiles.yaml(ROUTE + "receivers:\n  - name: r\n    webhook_configs: [{url: '"
                + url + "'}]\n")), name);
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(ROUTE + """
                receivers:
                  - name: r
                    webhook_configs: [{url: 'https://hooks.slack.com/services/T1/B2/CANARY'}]
                    pagerduty_configs: [{routing_key: {secretRef: binance, jsonKey: apiKey}}]
                """)));
        assertTrue(e.getMessage().contains("(and 1 more: receivers[0].pagerduty_configs[0].routing_key.secretRef"), e::getMessage);
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("under the prefix", "alerting/slack", true),
                Arguments.of("nested under the prefix", "alerting/slack/ops", true),
                Arguments.of("another secret", "binance", false),
                Arguments.of("prefix as a suffix", "x/alerting/slack", false),
                Arguments.of("prefix alone", "alerting/", false),
                Arguments.of("similar prefix", "alertingx/slack", false),
                Arguments.of("dot-dot segment", "alerting/../binance", false),
                Arguments.of("dot segment", "alerting/./slack", false),
                Arguments.of("empty segment", "alerting//slack", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void isAlerting_acceptsOnlyNamesUnderThePrefix(String name, String secret, boolean ok) {
        assertEquals(ok, AlertingSecrets.isAlerting(secret), name);
    }
}
