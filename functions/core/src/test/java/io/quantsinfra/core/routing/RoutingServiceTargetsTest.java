package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.egress.EgressGuard;
import io.quantsinfra.core.egress.EgressPolicy;
import io.quantsinfra.core.egress.Resolver;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.rule.RepoFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Apply-time checks that need the outside world: secrets read for their shape, and targets through the outbound guard. */
class RoutingServiceTargetsTest {
    static final String CANARY = "CANARY-7f3a";
    static final Resolver DNS = host -> switch (host) {
        case "hooks.example.com" -> List.of(InetAddress.ofLiteral("93.184.216.34"));
        case "internal.example.com" -> List.of(InetAddress.ofLiteral("10.1.2.3"));
        default -> throw new UnknownHostException(host);
    };

    final InMemoryRoutingConfigStore store = new InMemoryRoutingConfigStore();
    final InMemorySecretValues secrets = new InMemorySecretValues()
            .put("alerting/hook", "url", "http://169.254.169.254/latest/meta-data/" + CANARY)
            .put("alerting/private", "url", "https://internal.example.com/" + CANARY)
            .put("alerting/notaurl", "url", "ftp:" + CANARY)
            .put("alerting/ok", "url", "https://hooks.example.com/" + CANARY)
            .put("binance", "apiKey", CANARY);

    RoutingService service(EgressPolicy policy) {
        return new RoutingService(store, secrets, new EgressGuard(policy, DNS), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("webhook to the metadata service", "webhook_configs: [{name: h, url: 'http://169.254.169.254/latest/meta-data/'}]",
                        "receivers.r.h.url", "'http://169.254.169.254/latest/meta-data/': its host is a link-local address"),
                Arguments.of("webhook to a private IP", "webhook_configs: [{name: h, url: 'http://10.0.1.23:9090/-/quit'}]",
                        "receivers.r.h.url", "its host is a private address"),
                Arguments.of("webhook to localhost", "webhook_configs: [{name: h, url: 'http://localhost:9090/-/quit'}]",
                        "receivers.r.h.url", "its host is a loopback address"),
                Arguments.of("webhook to a name resolving privately", "webhook_configs: [{name: h, url: 'https://internal.example.com/x'}]",
                        "receivers.r.h.url", "its host resolves to a private address"),
                Arguments.of("secret URL to the metadata service", "webhook_configs: [{name: h, url: {secretRef: alerting/hook, jsonKey: url}}]",
                        "receivers.r.h.url", "the URL in secret alerting/hook key url: its host is a link-local address"),
                Arguments.of("secret URL resolving privately", "slack_configs: [{name: s, api_url: {secretRef: alerting/private, jsonKey: url}}]",
                        "receivers.r.s.api_url", "the URL in secret alerting/private key url: its host resolves to a private address"),
                Arguments.of("secret that is not a URL", "webhook_configs: [{name: h, url: {secretRef: alerting/notaurl, jsonKey: url}}]",
                        "receivers.r.h.url", "the value of secret alerting/notaurl key url is not an http(s) URL with a host (the value is not shown)"),
                Arguments.of("missing secret", "webhook_configs: [{name: h, url: {secretRef: alerting/nosuch, jsonKey: url}}]",
                        "receivers.r.h.url", "refers to secret alerting/nosuch key url, which does not exist"),
                Arguments.of("telegram api_url on a private IP", "telegram_configs: [{name: t, api_url: 'http://192.168.1.1', bot_token: {secretRef: alerting/ok, jsonKey: url}, chat_id: '1'}]",
                        "receivers.r.t.api_url", "its host is a private address"),
                Arguments.of("pagerduty url on CGNAT", "pagerduty_configs: [{name: p, routing_key: {secretRef: alerting/ok, jsonKey: url}, url: 'http://100.64.0.1/v2'}]",
                        "receivers.r.p.url", "carrier-grade NAT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void apply_refusesTargetsTheGuardRefuses_andStoresNothing(String name, String integration, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service(EgressPolicy.strict()).apply(
                RepoFiles.yaml("route: {receiver: r}\nreceivers:\n  - name: r\n    " + integration + "\n"), "alice"));
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e::getMessage);
        assertFalse(e.getMessage().contains(CANARY), e::getMessage);
        assertTrue(store.get().isEmpty());
    }

    @Test
    void apply_reportsEveryTargetProblemAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service(EgressPolicy.strict()).apply(RepoFiles.yaml("""
                route: {receiver: r}
                receivers:
                  - name: r
                    webhook_configs:
                      - {name: a, url: 'http://169.254.169.254/'}
                      - {name: b, url: 'http://10.0.0.1/'}
                      - {name: c, url: {secretRef: alerting/hook, jsonKey: url}}
                """), "alice"));
        assertTrue(e.getMessage().contains("(and 2 more: receivers.r.b.url: 'http://10.0.0.1/'"), e::getMessage);
        assertTrue(e.getMessage().contains("receivers.r.c.url: the URL in secret alerting/hook"), e::getMessage);
    }

    @Test
    void apply_allowsLoopback_whenThePolicyAllowsIt_andWarnsAboutUnresolvedNames() {
        RoutingService.Applied a = service(EgressPolicy.loopback()).apply(RepoFiles.yaml("""
                route: {receiver: r}
                receivers:
                  - name: r
                    webhook_configs:
                      - {name: local, url: 'http://127.0.0.1:9099/hook'}
                      - {name: later, url: 'https://not-yet.example.org/hook'}
                      - {name: secret, url: {secretRef: alerting/ok, jsonKey: url}}
                """), "alice");
        assertEquals(1, a.version());
        assertEquals(List.of("receivers.r.later.url: 'https://not-yet.example.org/hook': has a host name that does not resolve "
                + "now; it is checked again before every send"), a.warnings());
    }
}
