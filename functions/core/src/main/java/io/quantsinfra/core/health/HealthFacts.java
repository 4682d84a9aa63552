package io.quantsinfra.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the rules judge, gathered at one moment: the service, its tasks (running and
 * recently stopped), how often it restarted in the last hour and what each endpoint probe found.
 *
 * {@snippet :
 * HealthFacts facts = HealthFacts.of(service, tasks, probes, now); // counts restarts from tasks
 * HealthReport report = HealthRules.defaults().evaluate(facts, now);
 * }
 *
 * @param service ECS service facts
 * @param tasks running and recently stopped tasks
 * @param restartsLastHour tasks stopped in the last hour that were not stopped on purpose
 *     (see {@link TaskFacts#stoppedDeliberately()})
 * @param probes one result per health endpoint; empty when the service type has none
 * @param probeAddress the task address the endpoints were probed at, or {@code null} when nothing was probed; the
 *     scheduled probe reads the service's own metrics there
 */
public record HealthFacts(ServiceFacts service, List<TaskFacts> tasks, int restartsLastHour,
                          List<EndpointProbe> probes, String probeAddress) {

    /** The window {@code restarts_1h} counts over. */
    public static final Duration RESTART_WINDOW = Duration.ofHours(1);

    public HealthFacts {
        Objects.requireNonNull(service, "service");
        tasks = List.copyOf(tasks);
        probes = List.copyOf(probes);
        if (restartsLastHour < 0) {
            throw new IllegalArgumentException("restartsLastHour must not be negative: " + restartsLastHour);
        }
    }

    /** Facts of an instance whose endpoints were not probed at a known address. */
    public HealthFacts(ServiceFacts service, List<TaskFacts> tasks, int restartsLastHour, List<EndpointProbe> probes) {
        this(service, tasks, restartsLastHour, probes, null);
    }

    /** These facts, with the address the probes were sent to. */
    public HealthFacts withProbeAddress(String address) {
        return new HealthFacts(service, tasks, restartsLastHour, probes, address);
    }

    /** Builds the facts, counting restarts from {@code tasks} over the hour before {@code now}. */
    public static HealthFacts of(ServiceFacts service, List<TaskFacts> tasks, List<EndpointProbe> probes,
                                 Instant now) {
        return new HealthFacts(service, tasks, countRestarts(tasks, now), probes);
    }

    /** Tasks that stopped in the hour before {@code now} and were not stopped on purpose. */
    public static int countRestarts(List<TaskFacts> tasks, Instant now) {
        Instant from = now.minus(RESTART_WINDOW);
        return (int) tasks.stream().filter(t -> t.restartWithin(from, now)).count();
    }
}
