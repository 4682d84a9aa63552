package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishTest {
    private final JobFixture f = new JobFixture().define("fetch").define("analyse").define("report");

    @Test
    void publish_chainByRefs_storesParentsFirstAndBlocksChildren() {
        PublishResult r = f.service.publish(Map.of("jobs", List.of(
                Map.of("ref", "report", "name", "report", "depends_on", List.of("analyse")),
                Map.of("ref", "fetch", "name", "fetch", "priority", "HIGH"),
                Map.of("ref", "analyse", "name", "analyse", "depends_on", List.of("fetch")))));
        Job report = r.jobs().get(0).job();
        Job fetch = r.jobs().get(1).job();
        Job analyse = r.jobs().get(2).job();
        assertEquals(List.of(fetch.id()), analyse.dependsOn());
        assertEquals(List.of(analyse.id()), report.dependsOn());
        assertEquals(List.of(analyse.id()), report.blockedBy());
        assertTrue(fetch.blockedBy().isEmpty());
        assertEquals(JobPriority.HIGH, fetch.priority());
        assertEquals(List.of(fetch.id()), f.service.ready(10).stream().map(Job::id).toList());
        assertTrue(r.jobs().stream().allMatch(PublishResult.Published::created));
    }

    @Test
    void publish_reportsEveryProblemAtOnce_andStoresNothing() {
        String big = "x".repeat(JobLimits.MAX_PAYLOAD_BYTES);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.publish(Map.of("jobs", List.of(
                Map.of("ref", "a", "name", "nope"),
                Map.of("ref", "b", "name", "fetch", "depends_on", List.of("c"), "priority", "SUPER"),
                Map.of("ref", "c", "name", "fetch", "depends_on", List.of("b"), "payload", Map.of("blob", big)),
                Map.of("ref", "d", "name", "fetch", "depends_on", List.of("0000000000unknownunknown00"), "max_retries", 99,
                        "timeout", "soon")))));
        List<String> fields = e.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertTrue(fields.contains("jobs[0].name"), fields.toString());
        assertTrue(fields.contains("jobs[1].priority"), fields.toString());
        assertTrue(fields.contains("jobs[2].payload"), fields.toString());
        assertTrue(fields.contains("jobs[3].depends_on[0]"), fields.toString());
        assertTrue(fields.contains("jobs[3].max_retries"), fields.toString());
        assertTrue(fields.contains("jobs[3].timeout"), fields.toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.message().startsWith("cycle: ")), e.getMessage());
        assertEquals(0, f.service.stats().total());
    }

    @Test
    void publish_selfDependency_isACycle() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.publish(Map.of("jobs",
                List.of(Map.of("ref", "a", "name", "fetch", "depends_on", List.of("a"))))));
        assertEquals("jobs[0].depends_on: cycle: a → a", e.getMessage());
    }

    @Test
    void publish_onAFailedDependency_isRefused() {
        Job parent = f.publish(Map.of("name", "fetch"));
        f.service.cancel(parent.id(), "not needed");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.publish(Map.of("name", "analyse", "depends_on", List.of(parent.id()))));
        assertTrue(e.getMessage().contains("is cancelled and will never complete"), e.getMessage());
    }

    @Test
    void publish_onACompletedDependency_isReadyAtOnce() {
        Job parent = f.publish(Map.of("name", "fetch"));
        f.dispatcher.dispatch();
        f.exit(parent.id(), 0, Duration.ofSeconds(5));
        Job child = f.publish(Map.of("name", "analyse", "depends_on", List.of(parent.id())));
        assertTrue(child.blockedBy().isEmpty());
    }

    @Test
    void publish_sameIdempotencyKey_returnsTheFirstJob() {
        Job first = f.publish(Map.of("name", "fetch", "idempotency_key", "daily-2026-12-07"));
        PublishResult again = f.service.publish(Map.of("name", "fetch", "idempotency_key", "daily-2026-12-07",
                "priority", "URGENT"));
        assertEquals(first.id(), again.jobs().getFirst().job().id());
        assertFalse(again.jobs().getFirst().created());
        assertEquals(1, f.service.stats().total());
    }

    @Test
    void publish_defaultsComeFromTheDefinition_andPayloadIsCanonicalJson() {
        f.service.define(Map.of("name", "slow", "image", "busybox", "timeout", "2h", "max_retries", 3));
        Job j = f.publish(Map.of("name", "slow", "payload", Map.of("b", 1, "a", List.of("x")), "expires_in", 600,
                "tags", List.of("analysis")));
        assertEquals(Duration.ofHours(2), j.timeout());
        assertEquals(3, j.maxRetries());
        assertEquals("{\"a\":[\"x\"],\"b\":1}", j.payload());
        assertEquals(JobFixture.T0.plusSeconds(600), j.expiresAt());
        assertEquals(List.of("analysis"), j.tags());
    }

    @Test
    void publish_unknownField_isNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.publish(Map.of("name", "fetch", "dependson", List.of())));
        assertEquals("dependson", e.field());
    }

    @Test
    void publish_moreThanTwentyDependencies_isAccepted() {
        List<String> parents = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            parents.add(f.publish(Map.of("name", "fetch")).id());
        }
        Job fanIn = f.publish(Map.of("name", "report", "depends_on", parents));
        assertEquals(50, fanIn.blockedBy().size());
        assertNull(fanIn.reason());
    }
}
