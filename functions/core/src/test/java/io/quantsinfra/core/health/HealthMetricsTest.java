package io.quantsinfra.core.health;

import static io.quantsinfra.core.health.Facts.METRICS;
import static io.quantsinfra.core.health.Facts.NOW;
import static io.quantsinfra.core.health.Facts.ago;
import static io.quantsinfra.core.health.Facts.freqtrade;
import static io.quantsinfra.core.health.Facts.stoppedTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthMetricsTest {

    private static final HealthRules RULES = HealthRules.defaults();

    @Test
    void metrics_listEveryKeyInOrder_whenFreqtradeAnswered() {
        HealthFacts facts = freqtrade()
                .addTask(stoppedTask("s1", ago(10), "EssentialContainerExited", "Essential container in task exited", 1))
                .build();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("container_running", true);
        expected.put("api_responsive", true);
        expected.put("latency_ms", 35L);
        expected.put("desired", 1);
        expected.put("running", 1);
        expected.put("pending", 0);
        expected.put("restarts_1h", 1);
        expected.put("rollout", "completed");
        expected.put("task_health", "unknown");
        expected.put("last_process_age_s", 12L);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(RULES.evaluate(facts, NOW).metrics().entrySet()));
    }

    @Test
    void metrics_reportNullNotFalse_whenNothingWasProbed() {
        HealthFacts facts = freqtrade().tasks().probe(new ProbeResult.NotProbed("no running task has a reachable address")).build();

        Map<String, Object> m = RULES.evaluate(facts, NOW).metrics();

        assertNull(m.get("api_responsive"));
        assertNull(m.get("latency_ms"));
        assertNull(m.get("task_health"));
        assertNull(m.get("last_process_age_s"));
    }

    @Test
    void metrics_reportApiNotResponsive_whenAProbeTimedOut() {
        HealthFacts facts = freqtrade().probes(
                new EndpointProbe(METRICS, new ProbeResult.Answered(200, 7, null, null)),
                new EndpointProbe(Facts.FREQTRADE, new ProbeResult.TimedOut(2000))).build();

        Map<String, Object> m = RULES.evaluate(facts, NOW).metrics();

        assertFalse((Boolean) m.get("api_responsive"));
        assertEquals(7L, m.get("latency_ms"));
    }

    @Test
    void metrics_omitLastProcessAge_forServicesWithoutFreqtrade() {
        HealthFacts facts = freqtrade().probes(new EndpointProbe(METRICS, new ProbeResult.Answered(200, 7, null, null))).build();

        assertFalse(RULES.evaluate(facts, NOW).metrics().containsKey("last_process_age_s"));
    }

    @Test
    void status_value_isTheLowerCaseJsonName() {
        assertEquals(List.of("healthy", "degraded", "unhealthy", "unknown"),
                Arrays.stream(HealthReport.Status.values()).map(HealthReport.Status::value).toList());
        assertEquals(HealthReport.Status.DEGRADED, HealthReport.Status.fromValue("degraded"));
    }
}
