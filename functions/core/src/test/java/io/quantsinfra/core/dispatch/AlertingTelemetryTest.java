package io.quantsinfra.core.dispatch;

import io.quantsinfra.testing.receiver.LoopbackReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.evaluation.AlertEvaluator;
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
import io.quantsinfra.core.telemetry.TelemetryEvent;
import io.quantsinfra.core.telemetry.TelemetryEvent.Evaluation;
import io.quantsinfra.core.telemetry.TelemetryEvent.Notification;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** An evaluation cycle reports itself once, and each due notification once with its receiver and result. */
class AlertingTelemetryTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    final Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(1)).plusSeconds(3), ZoneOffset.UTC);
    final InMemoryMetrics metrics = new InMemoryMetrics();
    final InMemoryLease lease = new InMemoryLease();
    final List<TelemetryEvent> events = new ArrayList<>();
    final LoopbackReceiver ok = new LoopbackReceiver();
    final LoopbackReceiver broken = new LoopbackReceiver().answer(500, 500);
    final Alerting alerting = Alerting.create(new Alerting.Ports(new InMemoryRuleStore(), new InMemoryAlertStore(), lease,
                    metrics, new InMemoryRoutingConfigStore(), new InMemorySilenceStore(), new InMemoryNotificationLog(),
                    new InMemoryEndpointStats(), new InMemorySecretValues(), (from, to, subject, text, html) -> "id",
                    new InMemoryHeartbeats()),
            Alerting.Options.defaults(clock, null).withSleeper(d -> { }).withDiscoveryTtl(Duration.ZERO)
                    .withHttp(new HttpPost(HttpClient.newHttpClient(), Duration.ofSeconds(2))).withTelemetry(events::add)
                    .withEgress(new EgressGuard(EgressPolicy.loopback(), Resolver.SYSTEM)));

    @AfterEach
    void stop() {
        ok.close();
        broken.close();
    }

    @SuppressWarnings("unchecked")
    void setUp() {
        alerting.rules().apply("ecs", (Map<String, Object>) new Yaml().load("""
                groups:
                  - name: ecs
                    rules:
                      - alert: HighCpu
                        expr: aws_ecs_cpuutilization_average > 80
                        labels: {team: a}
                      - alert: LowCpu
                        expr: aws_ecs_cpuutilization_average < 5
                        labels: {team: b}
                """), "tester");
        alerting.routing().apply((Map<String, Object>) new Yaml().load("""
                route:
                  receiver: team-a
                  group_by: [alertname, service_name]
                  group_wait: 0s
                  routes:
                    - matchers: ['team="b"']
                      receiver: team-b
                receivers:
                  - name: team-a
                    webhook_configs: [{url: '%s'}]
                  - name: team-b
                    webhook_configs: [{url: '%s'}]
                """.formatted(ok.url("/a"), broken.url("/b"))), "tester");
        for (String svc : List.of("freqtrade-1", "freqtrade-2")) {
            metrics.put("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "q", "ServiceName", svc), T0, 95);
        }
        metrics.put("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "q", "ServiceName", "freqtrade-3"), T0, 1);
    }

    @Test
    void cycle_reportsOneEvaluation_andEachNotificationByReceiverAndResult() {
        setUp();

        alerting.evaluator().run(false);

        List<Notification> notifications = events.stream().filter(Notification.class::isInstance).map(Notification.class::cast)
                .toList();
        assertEquals(List.of(new Notification("team-a", "sent"), new Notification("team-a", "sent"),
                new Notification("team-b", "failed")), notifications);
        List<Evaluation> cycles = events.stream().filter(Evaluation.class::isInstance).map(Evaluation.class::cast).toList();
        assertEquals(1, cycles.size());
        Evaluation e = cycles.getFirst();
        assertEquals("evaluated", e.outcome());
        assertEquals(2, e.rules());
        assertEquals(2, e.rulesFiring(), "two rules fire, one of them for two services");
        assertEquals(3, e.alertsFiring());
        assertEquals(0, e.errors());
    }

    @Test
    void cycle_whileAnotherHoldsTheLease_reportsSkipped() {
        lease.acquire(AlertEvaluator.LEASE, "someone else", clock.instant(), AlertEvaluator.LEASE_TTL);

        alerting.evaluator().run(false);

        assertEquals(1, events.size());
        assertTrue(events.getFirst() instanceof Evaluation e && e.outcome().equals("skipped"), events::toString);
    }
}
