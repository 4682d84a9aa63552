package io.quantsinfra.core.status;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.history.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Status and health of instances: the platform's view of each instance joined with its health, judged
 * by {@link HealthRules} from the facts a {@link HealthFactsSource} gathers. Instances are checked in
 * parallel; health is never invented where nothing could be probed.
 */
public final class StatusService {
    private final ServiceCatalog catalog;
    private final LifecycleService lifecycle;
    private final StateStore state;
    private final HealthFactsSource facts;
    private final HealthRules rules;
    private final Clock clock;

    public StatusService(ServiceCatalog catalog, LifecycleService lifecycle, StateStore state, HealthFactsSource facts,
                         HealthRules rules, Clock clock) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.state = state;
        this.facts = facts;
        this.rules = rules;
        this.clock = clock;
    }

    /** Every instance of {@code service} (all services when null), in service and index order. */
    public List<InstanceStatus> status(String service) {
        List<InstanceState> instances = lifecycle.instances(service);
        Map<String, List<HealthEndpoint>> endpoints = new HashMap<>();
        for (InstanceState s : instances) {
            endpoints.computeIfAbsent(s.id().service(), this::endpoints);
        }
        List<InstanceStatus> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InstanceStatus>> futures = new ArrayList<>();
            for (InstanceState s : instances) {
                futures.add(pool.submit(() -> line(s, report(s, endpoints.get(s.id().service())))));
            }
            for (Future<InstanceStatus> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking health", e);
        }
        return out;
    }

    /** The health report of one instance (NotFoundException when it does not exist). */
    public HealthReport health(String instance) {
        InstanceState s = lifecycle.instance(instance);
        return report(s, endpoints(s.id().service()));
    }

    private HealthReport report(InstanceState s, List<HealthEndpoint> endpoints) {
        return rules.evaluate(facts.gather(s.id(), endpoints, clock.instant()), clock.instant());
    }

    /** The endpoints of a service as deployed; none when its config is unknown (then nothing is probed). */
    private List<HealthEndpoint> endpoints(String service) {
        ServiceType type = catalog.get(service);
        return state.deployed(type.name()).map(d -> type.healthEndpoints(d.config(), d.overrides())).orElse(List.of());
    }

    private static InstanceStatus line(InstanceState s, HealthReport r) {
        return new InstanceStatus(s.id().toString(), s.id().service(), r.status().value(), s.desired(), s.running(),
                s.pending(), s.taskDefinition().family() + ":" + s.taskDefinition().revision(), s.taskDefinition().revision(),
                s.placement().host(), s.rollout().state(), s.rollout().reason(), r.message());
    }
}
