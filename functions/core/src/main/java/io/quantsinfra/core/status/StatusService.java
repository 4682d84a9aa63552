package io.quantsinfra.core.status;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.history.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Status and health of instances: the platform's view of each instance joined with its health, judged
 * by {@link HealthRules} from the facts a {@link HealthFactsSource} gathers; health is never invented where
 * nothing could be probed.
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

    /**
     * Every instance of {@code service} (all services when null), in service and index order. The facts of all of
     * them are gathered at once ({@link HealthFactsSource#gatherAll}: calls that do not grow per instance, probes in
     * parallel); an instance deleted between the listing and the gathering is left out.
     */
    public List<InstanceStatus> status(String service) {
        List<InstanceState> instances = lifecycle.instances(service);
        Map<String, List<HealthEndpoint>> endpoints = new HashMap<>();
        Map<InstanceId, List<HealthEndpoint>> targets = new LinkedHashMap<>();
        for (InstanceState s : instances) {
            targets.put(s.id(), endpoints.computeIfAbsent(s.id().service(), this::endpoints));
        }
        Instant now = clock.instant();
        Map<InstanceId, HealthFacts> facts = this.facts.gatherAll(targets, now);
        List<InstanceStatus> out = new ArrayList<>();
        for (InstanceState s : instances) {
            HealthFacts f = facts.get(s.id());
            if (f != null) {
                out.add(line(s, rules.evaluate(f, now)));
            }
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
