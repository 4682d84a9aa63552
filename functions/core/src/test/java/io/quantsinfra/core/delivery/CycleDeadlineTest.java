package io.quantsinfra.core.delivery;

import static io.quantsinfra.core.delivery.DeliveryFixture.T0;
import static io.quantsinfra.core.delivery.DeliveryFixture.jitterAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.dispatch.Dispatcher;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertSink;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.inmemory.InMemoryNotificationLog;
import io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.RoutingService;
import io.quantsinfra.core.silence.SilenceService;
import io.quantsinfra.core.telemetry.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * A cycle's notifications against its deadline: a black-holed receiver does not hold up a healthy one, what it left
 * is taken over by the next cycle, and nothing is sent twice. Hand-moved clock, no waiting.
 */
class CycleDeadlineTest {
    final DeliveryFixture f = new DeliveryFixture();
    final InMemoryNotificationLog log = new InMemoryNotificationLog();
    final RoutingService routing = new RoutingService(new InMemoryRoutingConfigStore(), new InMemorySecretValues(),
            new io.quantsinfra.core.egress.EgressGuard(io.quantsinfra.core.egress.EgressPolicy.loopback(),
                    io.quantsinfra.core.egress.Resolver.SYSTEM), f.clock);
    final Dispatcher dispatcher = new Dispatcher(routing, new SilenceService(new InMemorySilenceStore(), f.clock), log,
            f.manager(jitterAt(0)), "https://ops.example", line -> { }, Telemetry.NONE, f.clock);
    final List<Alert> alerts = List.of(new Alert("ecs/HighCpu", "ecs", "ecs", Labels.of("alertname", "HighCpu"), Map.of(),
            AlertState.FIRING, 95, T0, T0, null, null, T0, 1));

    @BeforeEach
    @SuppressWarnings("unchecked")
    void config() {
        routing.apply((Map<String, Object>) new Yaml().load("""
                route:
                  receiver: healthy
                  group_by: [alertname]
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 1h
                  routes:
                    - {receiver: stuck, continue: true}
                    - {receiver: healthy}
                receivers:
                  - name: healthy
                    webhook_configs: [{name: ok, url: "http://127.0.0.1:9/ok"}]
                  - name: stuck
                    webhook_configs: [{name: stuck, url: "http://127.0.0.1:9/stuck"}]
                """), "tester");
    }

    AlertSink.Delivery cycleAt(Duration since, Duration budget) {
        f.now.set(T0.plus(since));
        return dispatcher.deliver(alerts, f.clock.instant(), f.clock.instant().plus(budget));
    }

    long sentTo(String endpoint) {
        return f.sentTo.stream().filter(endpoint::equals).count();
    }

    @Test
    void blackHoledReceiver_isLeftForTheNextCycle_whileTheHealthyOneIsNotified_once() {
        f.scripts.put("stuck", DeliveryManagerDeadlineTest.blackHole());

        AlertSink.Delivery first = cycleAt(Duration.ZERO, Duration.ofSeconds(8));

        assertEquals(1, first.sent());
        assertEquals(1, first.left().size(), first::toString);
        assertTrue(first.left().getFirst().startsWith("receiver stuck") && first.left().getFirst().contains("cut off"),
                first.left()::toString);
        assertEquals("deferred", log.recent(5).stream().filter(e -> e.receiver().equals("stuck")).findFirst().orElseThrow().status());

        AlertSink.Delivery second = cycleAt(Duration.ofMinutes(1), Duration.ofSeconds(8));

        assertEquals(0, second.sent());
        assertEquals(1, second.left().size(), "the next cycle took it over and was cut off again");
        f.scripts.put("stuck", new DeliveryFixture.Script(Duration.ofMillis(30), () -> Attempt.success(200)));

        AlertSink.Delivery third = cycleAt(Duration.ofMinutes(2), Duration.ofSeconds(8));

        assertEquals(1, third.sent());
        assertTrue(third.left().isEmpty());
        assertEquals(1, sentTo("ok"), "the healthy receiver got it once in three cycles");
        assertEquals(1, log.group("stuck", log.recent(10).stream().filter(e -> e.receiver().equals("stuck")).findFirst()
                .orElseThrow().groupKey()).orElseThrow().seq(), "the taken-over notification kept its number");
    }

    @Test
    void deadlineAlreadyPassed_leavesEveryDueGroupUnclaimed_andTheNextCycleSendsThemOnce() {
        AlertSink.Delivery late = cycleAt(Duration.ZERO, Duration.ofMillis(100));

        assertEquals(0, late.sent());
        assertEquals(2, late.left().size());
        assertTrue(late.left().stream().allMatch(l -> l.contains("not started")), late.left()::toString);
        assertTrue(f.sentTo.isEmpty());

        AlertSink.Delivery next = cycleAt(Duration.ofMinutes(1), Duration.ofSeconds(8));

        assertEquals(2, next.sent());
        assertEquals(1, sentTo("ok"));
        assertEquals(1, sentTo("stuck"));
    }
}
