package io.quantsinfra.core.dispatch;

import io.quantsinfra.testing.receiver.LoopbackReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.delivery.EndpointStats;
import io.quantsinfra.core.evaluation.CycleReport;
import io.quantsinfra.core.inmemory.InMemoryAlertStore;
import io.quantsinfra.core.inmemory.InMemoryEndpointStats;
import io.quantsinfra.core.inmemory.InMemoryHeartbeats;
import io.quantsinfra.core.inmemory.InMemoryLease;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.inmemory.InMemoryNotificationLog;
import io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import io.quantsinfra.core.egress.EgressGuard;
import io.quantsinfra.core.egress.EgressPolicy;
import io.quantsinfra.core.egress.Resolver;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import io.quantsinfra.core.notify.HttpPost;
import io.quantsinfra.core.notify.email.EmailSender;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Routing, grouping, muting and delivery over in-memory ports and real HTTP receivers on loopback. */
class DispatcherTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** Full jitter at its top: every backoff is its cap, so sleeps can be compared exactly. */
    static final java.util.Random TOP_OF_JITTER = new java.util.Random() {
        @Override
        public double nextDouble() {
            return 0;
        }
    };
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final Clock clock = new Clock() {
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        public Clock withZone(ZoneId z) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };
    final InMemoryMetrics metrics = new InMemoryMetrics();
    final InMemoryEndpointStats stats = new InMemoryEndpointStats();
    final InMemoryNotificationLog log = new InMemoryNotificationLog();
    final InMemoryAlertStore alertStore = new InMemoryAlertStore();
    final InMemoryRuleStore ruleStore = new InMemoryRuleStore();
    final InMemoryRoutingConfigStore routingStore = new InMemoryRoutingConfigStore();
    final InMemorySilenceStore silenceStore = new InMemorySilenceStore();
    final InMemorySecretValues secrets = new InMemorySecretValues().put("alerting/telegram", "bot_token", "123456:ABCdefGHIjklMNOpqr")
            .put("alerting/slack", "url", "https://hooks.example.com/placeholder").put("alerting/pagerduty", "routing_key", "R0UTINGKEY");
    final List<String> emails = new ArrayList<>();
    final EmailSender email = (from, to, subject, text, html) -> {
        emails.add(from + "→" + to + ": " + subject);
        return "id-" + emails.size();
    };
    final List<Duration> slept = new ArrayList<>();
    final LoopbackReceiver hook = new LoopbackReceiver();
    final LoopbackReceiver backup = new LoopbackReceiver();
    final Alerting alerting = system(new InMemoryLease());

    Alerting system(InMemoryLease lease) {
        return Alerting.create(new Alerting.Ports(ruleStore, alertStore, lease, metrics, routingStore, silenceStore, log, stats,
                        secrets, email, new InMemoryHeartbeats()),
                Alerting.Options.defaults(clock, "https://ops.example").withSleeper(slept::add).withDiscoveryTtl(Duration.ZERO)
                        .withRandom(TOP_OF_JITTER)
                        .withHttp(new HttpPost(HttpClient.newHttpClient(), Duration.ofSeconds(2)))
                        .withEgress(new EgressGuard(EgressPolicy.loopback(), Resolver.SYSTEM)));
    }

    @AfterEach
    void stop() {
        hook.close();
        backup.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String y) {
        return (Map<String, Object>) new Yaml().load(y);
    }

    void rules() {
        alerting.rules().apply("ecs", yaml("""
                groups:
                  - name: ecs
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average > 80
                        labels: {severity: warning}
                        annotations: {summary: "{{ $labels.service_name }} CPU {{ $value }}%"}
                      - alert: ServiceDown
                        expr: aws_ecs_running_task_count_average == 0
                        labels: {severity: critical}
                        annotations: {summary: "{{ $labels.service_name }} has no task"}
                """), "tester");
    }

    void config(String receivers, String extraRoute) {
        alerting.routing().apply(yaml("""
                route:
                  receiver: hook
                  group_by: [alertname, service_name]
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 1h
                %s
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="warning"']
                    equal: [service_name]
                receivers:
                %s
                """.formatted(extraRoute, receivers)), "tester");
    }

    String hookReceiver() {
        return """
                  - name: hook
                    webhook_configs:
                      - url: %s
                """.formatted(hook.url("/alerts"));
    }

    void cpu(String service, double v, int fromMinute, int toMinute) {
        for (int m = fromMinute; m <= toMinute; m++) {
            metrics.put("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "q", "ServiceName", service), T0.plus(Duration.ofMinutes(m)), v);
        }
    }

    void tasks(String service, double v, int fromMinute, int toMinute) {
        for (int m = fromMinute; m <= toMinute; m++) {
            metrics.put("AWS/ECS", "RunningTaskCount", Map.of("ClusterName", "q", "ServiceName", service), T0.plus(Duration.ofMinutes(m)), v);
        }
    }

    CycleReport at(int minute) {
        now.set(T0.plus(Duration.ofMinutes(minute)).plusSeconds(3));
        return alerting.evaluator().run(false);
    }

    @Test
    void webhook_getsOneFiringPayload_nothingWithinRepeat_thenResolved() {
        rules();
        config(hookReceiver(), "");
        cpu("freqtrade-1", 95, -2, 4);
        cpu("freqtrade-1", 10, 5, 30);

        CycleReport first = at(1);
        assertEquals(1, first.delivery().sent(), first.toDocument()::toString);
        assertEquals(1, hook.requests().size());
        String body = hook.requests().getFirst().body();
        assertTrue(body.contains("\"version\":\"4\""), body);
        assertTrue(body.contains("\"status\":\"firing\""), body);
        assertTrue(body.contains("\"summary\":\"freqtrade-1 CPU 95%\""), body);
        assertTrue(body.contains("\"groupLabels\":{\"alertname\":\"HighCpu\",\"service_name\":\"freqtrade-1\"}"), body);
        assertEquals("/alerts", hook.requests().getFirst().path());

        at(2);
        at(4);
        assertEquals(1, hook.requests().size());

        at(6);
        assertEquals(2, hook.requests().size());
        String resolved = hook.requests().get(1).body();
        assertTrue(resolved.contains("\"status\":\"resolved\""), resolved);
        assertTrue(resolved.contains("\"endsAt\":\"2026-03-02T10:06:00Z\""), resolved);
        at(8);
        assertEquals(2, hook.requests().size());
    }

    @Test
    void repeatInterval_resendsAnUnchangedGroup() {
        rules();
        config(hookReceiver(), "");
        cpu("freqtrade-1", 95, 0, 70);
        at(1);
        at(30);
        assertEquals(1, hook.requests().size());
        at(61);
        assertEquals(2, hook.requests().size());
    }

    @Test
    void inhibition_mutesTheWarning_whileACriticalWithEqualLabelsFires() {
        rules();
        config(hookReceiver(), "");
        cpu("freqtrade-1", 95, 0, 5);
        tasks("freqtrade-1", 0, 0, 5);
        cpu("freqtrade-2", 95, 0, 5);

        CycleReport r = at(1);

        List<String> bodies = hook.requests().stream().map(LoopbackReceiver.Request::body).toList();
        assertEquals(2, bodies.size(), bodies::toString);
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"alertname\":\"ServiceDown\"") && b.contains("freqtrade-1")));
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"alertname\":\"HighCpu\"") && b.contains("freqtrade-2")));
        assertTrue(bodies.stream().noneMatch(b -> b.contains("\"alertname\":\"HighCpu\"") && b.contains("freqtrade-1")));
        assertEquals(1, r.delivery().muted());
        assertTrue(alerting.alerts().stream().anyMatch(a -> a.alertname().equals("HighCpu") && a.inhibited()));
    }

    @Test
    void silence_mutes_andItsExpiryWhileFiring_givesANotice() {
        rules();
        config(hookReceiver(), "");
        cpu("freqtrade-1", 95, 0, 30);
        var s = alerting.silences().add(List.of("alertname=HighCpu", "service_name=\"freqtrade-1\""), Duration.ofMinutes(5),
                "planned load test", "alice");

        at(1);
        assertEquals(List.of(), hook.requests());
        assertEquals(List.of(s.id()), alerting.alerts().getFirst().silencedBy());

        CycleReport after = at(7);
        assertEquals(1, hook.requests().size());
        assertEquals(1, after.delivery().notices().size(), after.delivery().notices()::toString);
        assertTrue(after.delivery().notices().getFirst().contains("planned load test"));
        assertTrue(after.delivery().notices().getFirst().contains("still fire"));
        assertEquals(0, at(8).delivery().notices().size());
    }

    @Test
    void failover_firstEndpointAnswers500_theSecondGetsIt_andStatsMatch() {
        rules();
        hook.answer(500);
        config("""
                  - name: hook
                    delivery: {strategy: priority, backoff: 200ms}
                    webhook_configs:
                      - {name: primary, url: %s, priority: 1}
                      - {name: secondary, url: %s, priority: 2}
                """.formatted(hook.url("/a"), backup.url("/b")), "");
        cpu("freqtrade-1", 95, 0, 5);

        CycleReport r = at(1);

        assertEquals(1, r.delivery().sent());
        assertEquals(1, hook.requests().size());
        assertEquals(1, backup.requests().size());
        assertEquals(List.of(Duration.ofMillis(200)), slept);
        Map<String, EndpointStats.Stat> byName = new java.util.HashMap<>();
        stats.all().forEach(s -> byName.put(s.endpoint(), s));
        assertEquals(1, byName.get("primary").failures());
        assertEquals(500, byName.get("primary").lastStatus());
        assertEquals(0.0, byName.get("primary").successRate());
        assertEquals(1, byName.get("secondary").successes());
        assertEquals(1.0, byName.get("secondary").successRate());
        List<io.quantsinfra.core.alerting.EndpointView> view = alerting.receivers();
        assertEquals("failing", view.get(0).status());
        assertEquals("active", view.get(1).status());
    }

    @Test
    void permanentFailure_isNotRetried_butFailsOver() {
        rules();
        hook.answer(401);
        config("""
                  - name: hook
                    delivery: {strategy: priority, backoff: 100ms, max_attempts: 4}
                    webhook_configs:
                      - {name: primary, url: %s, priority: 1}
                      - {name: secondary, url: %s, priority: 2}
                """.formatted(hook.url("/a"), backup.url("/b")), "");
        backup.answer(503, 503, 503, 503);
        cpu("freqtrade-1", 95, 0, 5);

        CycleReport r = at(1);

        assertEquals(1, r.delivery().failed());
        assertEquals(1, hook.requests().size());
        assertEquals(3, backup.requests().size());
        at(2);
        assertEquals(2, hook.requests().size(), "the abandoned notification is tried again next cycle");
    }

    @Test
    void rateLimit_holds_andTheNextEndpointTakesOver() {
        alerting.rules().apply("many", yaml("""
                groups:
                  - name: g
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average > 80
                """), "t");
        config("""
                  - name: hook
                    delivery: {strategy: priority, backoff: 10ms}
                    webhook_configs:
                      - {name: limited, url: %s, priority: 1, rate_limit_per_minute: 2}
                      - {name: overflow, url: %s, priority: 2}
                """.formatted(hook.url("/a"), backup.url("/b")), "");
        for (int i = 1; i <= 5; i++) {
            cpu("svc-" + i, 95, 0, 3);
        }

        at(1);

        assertEquals(2, hook.requests().size());
        assertEquals(3, backup.requests().size());
        io.quantsinfra.core.alerting.EndpointView limited = alerting.receivers().getFirst();
        assertEquals("rate_limited", limited.status());
        assertEquals(2, limited.usedThisMinute());
        assertEquals(3L, limited.rateLimited());
    }

    @Test
    void twoEvaluatorsAtOnce_sendEachNotificationExactlyOnce() throws Exception {
        rules();
        config(hookReceiver(), "");
        for (int i = 1; i <= 20; i++) {
            cpu("svc-" + i, 95, 0, 3);
        }
        now.set(T0.plus(Duration.ofMinutes(1)));
        Alerting other = system(new InMemoryLease());
        List<Callable<CycleReport>> runs = List.of(() -> alerting.evaluator().run(false), () -> other.evaluator().run(false),
                () -> alerting.evaluator().run(false), () -> other.evaluator().run(false));
        List<CycleReport> reports = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<CycleReport> f : pool.invokeAll(runs)) {
                reports.add(f.get());
            }
        }
        assertEquals(20, reports.stream().mapToInt(r -> r.delivery().sent()).sum());
        assertEquals(2, reports.stream().filter(r -> r.skipped() != null).count(), "each system's second run found its lease held");
        List<String> groups = hook.requests().stream().map(r -> r.body().replaceAll(".*\"groupKey\":\"((?:[^\"\\\\]|\\\\.)*)\".*", "$1")).toList();
        assertEquals(20, groups.size(), groups::toString);
        assertEquals(20, groups.stream().distinct().count());
    }

    @Test
    void telegramSlackPagerDutyAndEmail_getTheirShapes() {
        rules();
        config("""
                  - name: hook
                    telegram_configs:
                      - api_url: %s
                        bot_token: {secretRef: alerting/telegram, jsonKey: bot_token}
                        chat_id: -1001234567890
                        message: |
                          {{ range .Alerts }}*{{ .Labels.alertname }}* {{ .Annotations.summary }}
                          {{ end }}
                    slack_configs:
                      - api_url: {secretRef: alerting/slack, jsonKey: url}
                    pagerduty_configs:
                      - routing_key: {secretRef: alerting/pagerduty, jsonKey: routing_key}
                        url: %s
                    email_configs:
                      - to: ops@example.com
                        from: alerts@example.com
                        smarthost: smtp.example.com:587
                """.formatted(hook.url("/tg"), backup.url("/v2/enqueue")), "");
        secrets.put("alerting/slack", "url", hook.url("/services/T0/B0/x"));
        cpu("freqtrade-1", 95, 0, 3);
        cpu("freqtrade-1", 10, 4, 10);

        at(1);

        var tg = hook.requests().stream().filter(r -> r.path().startsWith("/tg")).toList();
        assertEquals(1, tg.size());
        assertEquals("/tg/bot123456:ABCdefGHIjklMNOpqr/sendMessage", tg.getFirst().path());
        assertTrue(tg.getFirst().body().contains("\"chat_id\":-1001234567890"), tg.getFirst().body());
        assertTrue(tg.getFirst().body().contains("\"text\":\"*HighCpu* freqtrade-1 CPU 95%\\n"), tg.getFirst().body());
        assertTrue(tg.getFirst().body().contains("\"parse_mode\":\"HTML\""));
        var slack = hook.requests().stream().filter(r -> r.path().startsWith("/services")).toList();
        assertEquals(1, slack.size());
        assertTrue(slack.getFirst().body().contains("\"title\":\"[FIRING:1] HighCpu\""), slack.getFirst().body());
        assertTrue(slack.getFirst().body().contains("\"color\":\"danger\""));
        var pd = backup.requests();
        assertEquals(1, pd.size());
        assertTrue(pd.getFirst().body().contains("\"event_action\":\"trigger\""), pd.getFirst().body());
        assertTrue(pd.getFirst().body().contains("\"routing_key\":\"R0UTINGKEY\""));
        assertTrue(pd.getFirst().body().contains("\"severity\":\"warning\""));
        String dedup = pd.getFirst().body().replaceAll(".*\"dedup_key\":\"([0-9a-f]{64})\".*", "$1");
        assertEquals(List.of("alerts@example.com→[ops@example.com]: [FIRING:1] HighCpu"), emails);

        at(5);

        assertEquals(2, hook.requests().stream().filter(r -> r.path().startsWith("/tg")).count(), "telegram sends resolved");
        assertEquals(1, hook.requests().stream().filter(r -> r.path().startsWith("/services")).count(), "slack does not by default");
        assertEquals(1, emails.size(), "email does not by default");
        assertEquals(2, backup.requests().size());
        String resolve = backup.requests().get(1).body();
        assertTrue(resolve.contains("\"event_action\":\"resolve\"") && resolve.contains(dedup), resolve);
    }

    @Test
    void noRoutingConfig_sendsNothing_andSaysSo() {
        rules();
        cpu("freqtrade-1", 95, 0, 3);
        CycleReport r = at(1);
        assertFalse(r.delivery().notices().isEmpty());
        assertEquals(0, r.delivery().sent());
    }
}
