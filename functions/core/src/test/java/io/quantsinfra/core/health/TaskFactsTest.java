package io.quantsinfra.core.health;

import static io.quantsinfra.core.health.Facts.NOW;
import static io.quantsinfra.core.health.Facts.ago;
import static io.quantsinfra.core.health.Facts.stoppedTask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskFactsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            essential container exited     | EssentialContainerExited  | Essential container in task exited                             | true
            failed to start                | TaskFailedToStart         | CannotPullContainerError: pull image manifest has been retried | true
            failed container health check  | ServiceSchedulerInitiated | Task failed container health checks                            | true
            Fargate Spot interruption      | SpotInterruption          | Your Spot Task was interrupted.                                | true
            stopped by a user              | UserInitiated             | Task stopped by user                                           | false
            scale-in or deployment         | ServiceSchedulerInitiated | Scaling activity initiated by (deployment ecs-svc/1234)        | false
            older task without stop code   | -                         | Scaling activity initiated by (deployment ecs-svc/1234)        | false
            """)
    void restartWithin_countsOnlyUnexpectedStops(String name, String stopCode, String reason, boolean restart) {
        TaskFacts t = stoppedTask("t", ago(5), stopCode, reason, 1);

        assertEquals(restart, t.restartWithin(NOW.minus(Duration.ofHours(1)), NOW));
    }
}
