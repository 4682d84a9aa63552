package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.rule.RepoFiles;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingConfigsTest {
    static final String OK_RECEIVER = "receivers:\n  - name: r\n    webhook_configs:\n      - url: http://127.0.0.1:9/x\n";

    @Test
    void seed004Config_loads_withSecretReferences_andWarnsAboutSmtp() {
        RoutingConfig c = RoutingConfigs.parse(RepoFiles.yaml(RepoFiles.root().resolve("docs/rules/seed-004-alertmanager.yml")));

        assertEquals(List.of("critical", "default", "warning"), c.receivers().keySet().stream().sorted().toList());
        List<Route> critical = c.route().match(Labels.of("alertname", "X", "severity", "critical"));
        assertEquals(List.of("critical"), critical.stream().map(Route::receiver).toList());
        assertEquals(List.of("warning"), c.route().match(Labels.of("severity", "warning")).stream().map(Route::receiver).toList());
        assertEquals(List.of("default"), c.route().match(Labels.of("severity", "info")).stream().map(Route::receiver).toList());
        assertEquals(Duration.ofHours(4), critical.getFirst().repeatInterval());
        assertEquals(List.of("alertname", "severity"), critical.getFirst().groupBy());
        Integration.Telegram tg = (Integration.Telegram) c.receivers().get("critical").integrations().getFirst();
        assertEquals("<secret>", tg.botToken().toString());
        assertEquals("alerting/telegram", tg.botToken().ref().name());
        assertEquals("https://api.telegram.org", tg.apiUrl());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("smarthost is accepted and not used")), c.warnings()::toString);
    }

    @Test
    void seed004ConfigAsWritten_isRefused_atItsPlaceholders() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RoutingConfigs.parse(RepoFiles.resource("seed004/alertmanager.yml")));
        assertEquals("receivers[1].telegram_configs[0].chat_id", e.field());
        assertTrue(e.getMessage().contains("'${TELEGRAM_CHAT_ID}' is an environment placeholder"), e::getMessage);
        assertTrue(e.getMessage().contains("receivers[1].telegram_configs[0].bot_token"), e::getMessage);
        assertTrue(e.getMessage().contains("receivers[2].email_configs[0].auth_password"), e::getMessage);
    }

    static Stream<Arguments> refuses() {
        String route = "route:\n  receiver: r\n";
        return Stream.of(
                Arguments.of("empty", "{}", "route", "empty"),
                Arguments.of("no route", OK_RECEIVER, "route", "route is required"),
                Arguments.of("no receivers", route, "receivers", "receivers is required"),
                Arguments.of("unknown receiver", "route:\n  receiver: nosuch\n" + OK_RECEIVER, "route.receiver", "'nosuch' is not defined"),
                Arguments.of("root with matchers", "route:\n  receiver: r\n  matchers: ['a=b']\n" + OK_RECEIVER, "route.matchers", "matches every alert"),
                Arguments.of("bad matcher", "route:\n  receiver: r\n  routes:\n    - matchers: ['sev>>1']\n" + OK_RECEIVER,
                        "route.routes[0].matchers[0]", "is not a matcher"),
                Arguments.of("bad regex", "route:\n  receiver: r\n  routes:\n    - match_re: {a: '('}\n" + OK_RECEIVER,
                        "route.routes[0].match_re.a", "not a valid regular expression"),
                Arguments.of("zero group_interval", "route:\n  receiver: r\n  group_interval: 0s\n" + OK_RECEIVER, "route.group_interval", "greater than zero"),
                Arguments.of("bad duration", "route:\n  receiver: r\n  group_wait: later\n" + OK_RECEIVER, "route.group_wait", "not a duration"),
                Arguments.of("group_by ... with others", "route:\n  receiver: r\n  group_by: ['...', a]\n" + OK_RECEIVER, "route.group_by", "cannot be combined"),
                Arguments.of("unknown route key", "route:\n  receiver: r\n  group: x\n" + OK_RECEIVER, "route.group", "unknown key 'group'"),
                Arguments.of("duplicate receiver", route + OK_RECEIVER + "  - name: r\n    webhook_configs: [{url: 'http://x'}]\n", "receivers[1].name", "defined twice"),
                Arguments.of("unsupported integration", route + "receivers:\n  - name: r\n    opsgenie_configs: [{}]\n", "receivers[0].opsgenie_configs", "not supported"),
                Arguments.of("webhook without url", route + "receivers:\n  - name: r\n    webhook_configs: [{}]\n", "receivers[0].webhook_configs[0].url", "is required"),
                Arguments.of("webhook bad url", route + "receivers:\n  - name: r\n    webhook_configs: [{url: 'ftp://x'}]\n", "receivers[0].webhook_configs[0].url", "http(s) URL"),
                Arguments.of("literal bot token", route + "receivers:\n  - name: r\n    telegram_configs: [{bot_token: '1:abc', chat_id: 1}]\n",
                        "receivers[0].telegram_configs[0].bot_token", "give it as a secret reference"),
                Arguments.of("bad chat id", route + "receivers:\n  - name: r\n    telegram_configs: [{bot_token: {secretRef: alerting/t}, chat_id: 'my chat'}]\n",
                        "receivers[0].telegram_configs[0].chat_id", "numeric chat id"),
                Arguments.of("file credential", route + "receivers:\n  - name: r\n    telegram_configs: [{bot_token_file: /x, chat_id: 1}]\n",
                        "receivers[0].telegram_configs[0].bot_token_file", "files are not available to a Lambda"),
                Arguments.of("slack without api_url", route + "receivers:\n  - name: r\n    slack_configs: [{channel: '#x'}]\n",
                        "receivers[0].slack_configs[0].api_url", "is required"),
                Arguments.of("pagerduty without key", route + "receivers:\n  - name: r\n    pagerduty_configs: [{}]\n",
                        "receivers[0].pagerduty_configs[0].routing_key", "is required"),
                Arguments.of("email bad address", route + "receivers:\n  - name: r\n    email_configs: [{to: 'nobody', from: a@b.c}]\n",
                        "receivers[0].email_configs[0].to", "not an email address"),
                Arguments.of("email without from", route + "receivers:\n  - name: r\n    email_configs: [{to: a@b.c}]\n",
                        "receivers[0].email_configs[0].from", "SES-verified sender"),
                Arguments.of("bad strategy", route + "receivers:\n  - name: r\n    delivery: {strategy: fastest}\n    webhook_configs: [{url: 'http://x'}]\n",
                        "receivers[0].delivery.strategy", "priority, least_latency, round_robin, random"),
                Arguments.of("bad template", route + "receivers:\n  - name: r\n    slack_configs: [{api_url: {secretRef: alerting/s}, title: '{{ .Status '}]\n",
                        "receivers[0].slack_configs[0].title", "template"),
                Arguments.of("inhibit without source", route + OK_RECEIVER + "inhibit_rules:\n  - target_matchers: ['a=b']\n",
                        "inhibit_rules[0]", "needs source_matchers and target_matchers"),
                Arguments.of("template files", route + OK_RECEIVER + "templates: ['/etc/x.tmpl']\n", "templates", "template files are not supported"),
                Arguments.of("duplicate endpoint names", route + "receivers:\n  - name: r\n    webhook_configs: [{url: 'http://x', name: a}, {url: 'http://y', name: a}]\n",
                        "receivers[0]", "two endpoints are named 'a'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refuses(String name, String yaml, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RoutingConfigs.parse(RepoFiles.yaml(yaml)));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }

    @Test
    void continue_letsAnAlertTakeSeveralRoutes() {
        RoutingConfig c = RoutingConfigs.parse(RepoFiles.yaml("""
                route:
                  receiver: r
                  routes:
                    - {matchers: ['severity="critical"'], receiver: pager, continue: true}
                    - {matchers: ['severity=~"critical|warning"'], receiver: chat}
                receivers:
                  - {name: r, webhook_configs: [{url: 'http://a'}]}
                  - {name: pager, webhook_configs: [{url: 'http://b'}]}
                  - {name: chat, webhook_configs: [{url: 'http://c'}]}
                """));
        assertEquals(List.of("pager", "chat"), c.route().match(Labels.of("severity", "critical")).stream().map(Route::receiver).toList());
        assertEquals(List.of("chat"), c.route().match(Labels.of("severity", "warning")).stream().map(Route::receiver).toList());
    }
}
