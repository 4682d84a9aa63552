package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void stats_countByStatusAndPriority_andTimePercentilesPerDefinition() {
        JobFixture f = new JobFixture().define("work").define("idle");
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = f.publish(Map.of("name", "work", "priority", i == 0 ? "URGENT" : "LOW")).id();
        }
        f.publish(Map.of("name", "idle", "expires_in", 10));
        f.clock.advance(Duration.ofSeconds(20));   // every work job waits 20 s; the idle one expires
        f.dispatcher.dispatch();
        for (int i = 0; i < 3; i++) {
            f.exit(ids[i], 0, Duration.ofSeconds(10L * (i + 1)));   // runs of 10, 20, 30 s
        }
        f.service.cancel(ids[3], null);
        JobStats s = f.service.stats();
        assertEquals(5, s.total());
        assertEquals(3L, s.byStatus().get(JobStatus.COMPLETED));
        assertEquals(1L, s.byStatus().get(JobStatus.CANCELLED));
        assertEquals(0L, s.byStatus().get(JobStatus.RUNNING));
        assertEquals(1, s.expired());
        assertEquals(1L, s.byPriority().get(JobPriority.URGENT));
        assertEquals(1L, s.byPriority().get(JobPriority.NORMAL));
        assertEquals(3L, s.byPriority().get(JobPriority.LOW));
        // completion = publish to finish; the runs follow each other on the test clock: 20+10, 20+10+20, 20+10+20+30
        assertEquals((30.0 + 50.0 + 80.0) / 3, s.averageCompletionSeconds(), 1e-9);
        JobStats.DefinitionStats work = s.definitions().get("work");
        assertEquals(4, work.jobs());
        assertEquals(20.0, work.waitP50Seconds());
        assertEquals(20.0, work.runP50Seconds());
        assertEquals(30.0, work.runP95Seconds());
        assertNull(s.definitions().get("idle").waitP50Seconds());
    }

    @Test
    void percentile_isNearestRank() {
        assertEquals(2.0, Stats.percentile(List.of(4.0, 1.0, 3.0, 2.0), 50));
        assertEquals(4.0, Stats.percentile(List.of(4.0, 1.0, 3.0, 2.0), 95));
        assertNull(Stats.percentile(List.of(), 50));
    }
}
