package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanupAndListTest {

    @Test
    void cleanup_removesExpiredJobs_andFinishedOnesOlderThanTheCutOff_only() {
        JobFixture f = new JobFixture().define("work");
        Job expired = f.publish(Map.of("name", "work", "expires_in", 5, "depends_on", List.of(f.publish(Map.of("name", "work",
                "priority", "LOW")).id())));
        Job old = f.publish(Map.of("name", "work", "priority", "URGENT"));
        f.dispatcher.dispatch();
        f.exit(old.id(), 0, Duration.ofSeconds(10));
        f.clock.advance(Duration.ofDays(8));
        Job recent = f.publish(Map.of("name", "work", "priority", "URGENT"));
        f.dispatcher.dispatch();
        f.exit(recent.id(), 0, Duration.ofSeconds(10));
        CleanupReport r = f.service.cleanup(Duration.ofDays(7));
        assertEquals(new CleanupReport(1, 1), r);
        assertThrows(NotFoundException.class, () -> f.service.get(expired.id()));
        assertThrows(NotFoundException.class, () -> f.service.get(old.id()));
        assertEquals(JobStatus.COMPLETED, f.service.get(recent.id()).status());
    }

    @Test
    void list_filtersAndPagesNewestFirst() {
        JobFixture f = new JobFixture().define("work").define("other");
        for (int i = 0; i < 5; i++) {
            f.publish(Map.of("name", i == 4 ? "other" : "work", "priority", i % 2 == 0 ? "HIGH" : "LOW", "tags",
                    List.of("analysis")));
            f.clock.advance(Duration.ofSeconds(1));
        }
        JobPage first = f.service.list(JobQuery.parse("pending", "high", List.of("analysis"), "work", 1, null));
        assertEquals(1, first.jobs().size());
        JobPage second = f.service.list(JobQuery.parse("pending", "high", List.of("analysis"), "work", 1, first.nextPageToken()));
        assertEquals(1, second.jobs().size());
        assertTrue(second.jobs().getFirst().createdAt().isBefore(first.jobs().getFirst().createdAt()));
        assertNull(f.service.list(JobQuery.parse(null, null, null, "work", 10, null)).nextPageToken());
        assertEquals(4, f.service.list(JobQuery.parse(null, null, null, "work", 10, null)).jobs().size());
    }

    @Test
    void query_reportsEveryBadParameter() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JobQuery.parse("sleeping", "HIGHEST", List.of(), null, 0, "NOT A TOKEN"));
        assertEquals(List.of("status", "priority_min", "limit", "page_token"),
                e.problems().stream().map(InvalidInputException.Problem::field).toList());
    }

    @Test
    void retry_ofAJobWhoseDependencyFailed_isAConflict_untilTheDependencyIsRetried() {
        JobFixture f = new JobFixture().define("work");
        PublishResult r = f.service.publish(Map.of("jobs", List.of(Map.of("ref", "a", "name", "work"),
                Map.of("ref", "b", "name", "work", "depends_on", List.of("a")))));
        String a = r.jobs().get(0).job().id();
        String b = r.jobs().get(1).job().id();
        f.dispatcher.dispatch();
        f.exit(a, 1, Duration.ofSeconds(1));
        assertEquals(JobStatus.CANCELLED, f.job(b).status());
        assertThrows(ConflictException.class, () -> f.service.retry(b));
        f.service.retry(a);
        assertEquals(List.of(a), f.job(f.service.retry(b).id()).blockedBy());
        assertThrows(ConflictException.class, () -> f.service.cancel(f.service.cancel(b, null).id(), null));
    }
}
