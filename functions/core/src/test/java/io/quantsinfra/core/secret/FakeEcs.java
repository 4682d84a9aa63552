package io.quantsinfra.core.secret;

import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Instances and their rollouts in memory, and the history the restarts write. A forced new deployment starts
 * in progress; the test then says how it ends ({@link #rollout}), as ECS's circuit breaker would.
 */
final class FakeEcs implements ContainerPlatform, StateStore {
    private final Map<String, InstanceState> instances = new TreeMap<>();
    final List<String> restarts = new ArrayList<>();
    final List<DeploymentRecord> history = new ArrayList<>();

    /** An instance whose container reads the secret with ARN {@code arn} (or nothing, when null). */
    void run(String id, String arn) {
        InstanceId iid = InstanceId.parse(id);
        List<TaskSpec.SecretEnv> secrets = arn == null ? List.of() : List.of(new TaskSpec.SecretEnv("PASSWORD", arn));
        TaskSpec.ContainerSpec c = new TaskSpec.ContainerSpec("app", "app:1", true, List.of(), Map.of(), secrets, List.of(),
                null, 256, List.of(), List.of());
        TaskSpec spec = new TaskSpec(id, 256, 512, List.of(c), List.of(), "/quants-infra/" + iid.service(), id, Map.of());
        instances.put(id, new InstanceState(iid, new TaskDefinitionRef("arn:td/" + id + ":1", id, 1), spec,
                new Placement("spread", List.of("subnet-1")), 1, 1, 0, InstanceState.Rollout.NONE));
    }

    /** How the instance's current rollout stands: "completed", "in_progress" or "failed" (rolled back). */
    void rollout(String id, String state) {
        InstanceState s = instances.get(id);
        instances.put(id, new InstanceState(s.id(), s.taskDefinition(), s.spec(), s.placement(), s.desired(), s.running(),
                s.pending(), new InstanceState.Rollout(state, state.equals("failed")
                        ? "ECS deployment circuit breaker: tasks failed to start." : "")));
    }

    @Override
    public List<InstanceState> instances(String service) {
        return instances.values().stream().filter(s -> s.id().service().equals(service)).toList();
    }

    @Override
    public List<InstanceState> allInstances() {
        return List.copyOf(instances.values());
    }

    @Override
    public Optional<InstanceState> instance(InstanceId id) {
        return Optional.ofNullable(instances.get(id.toString()));
    }

    @Override
    public void update(InstanceId id, TaskDefinitionRef td, Placement placement, Integer desired, boolean force) {
        if (force) {
            restarts.add(id.toString());
            rollout(id.toString(), "in_progress");
        }
    }

    @Override public TaskDefinitionRef register(TaskSpec spec) { throw new UnsupportedOperationException(); }
    @Override public void create(InstanceId id, TaskDefinitionRef td, Placement p, int desired) { throw new UnsupportedOperationException(); }
    @Override public void delete(InstanceId id) { throw new UnsupportedOperationException(); }
    @Override public List<TaskDefinitionRef> revisions(String family) { return List.of(); }
    @Override public void deregister(TaskDefinitionRef td) { throw new UnsupportedOperationException(); }

    @Override
    public void record(DeploymentRecord entry) {
        history.add(entry);
    }

    @Override
    public List<DeploymentRecord> history(String service, int limit) {
        return history.stream().filter(r -> r.service().equals(service)).limit(limit).toList();
    }

    @Override public void saveDeployed(DeployedConfig deployed) { }
    @Override public Optional<DeployedConfig> deployed(String service) { return Optional.empty(); }
    @Override public void forgetDeployed(String service) { }
}
