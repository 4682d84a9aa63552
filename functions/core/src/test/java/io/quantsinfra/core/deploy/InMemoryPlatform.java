package io.quantsinfra.core.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A container platform in memory: services, task definition revisions, and a log of the changes made. */
final class InMemoryPlatform implements ContainerPlatform {
    final Map<String, InstanceState> services = new ConcurrentHashMap<>();
    final Map<String, TaskSpec> taskDefinitions = new ConcurrentHashMap<>();
    final List<String> changes = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Instances whose create or update fails, as an AWS error would. */
    final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();

    @Override
    public List<InstanceState> instances(String service) {
        return new TreeMap<>(services).values().stream().filter(s -> s.id().service().equals(service))
                .sorted(java.util.Comparator.comparing(InstanceState::id)).toList();
    }

    @Override
    public List<InstanceState> allInstances() {
        return services.values().stream().sorted(java.util.Comparator.comparing(InstanceState::id)).toList();
    }

    @Override
    public Optional<InstanceState> instance(InstanceId id) {
        return Optional.ofNullable(services.get(id.toString()));
    }

    @Override
    public TaskDefinitionRef register(TaskSpec spec) {
        int rev = revisions.merge(spec.family(), 1, Integer::sum);
        String arn = "arn:aws:ecs:us-east-1:1:task-definition/" + spec.family() + ":" + rev;
        taskDefinitions.put(arn, spec);
        changes.add("register " + spec.family() + ":" + rev);
        return new TaskDefinitionRef(arn, spec.family(), rev);
    }

    @Override
    public void create(InstanceId id, TaskDefinitionRef td, Placement placement, int desiredCount) {
        fail(id);
        services.put(id.toString(), new InstanceState(id, td, taskDefinitions.get(td.arn()), placement, desiredCount,
                desiredCount, 0, InstanceState.Rollout.NONE));
        changes.add("create " + id);
    }

    @Override
    public void update(InstanceId id, TaskDefinitionRef td, Placement placement, Integer desiredCount, boolean force) {
        fail(id);
        InstanceState s = services.get(id.toString());
        TaskDefinitionRef ref = td != null ? td : s.taskDefinition();
        int desired = desiredCount != null ? desiredCount : s.desired();
        services.put(id.toString(), new InstanceState(id, ref, taskDefinitions.get(ref.arn()),
                placement != null ? placement : s.placement(), desired, desired, 0, InstanceState.Rollout.NONE));
        changes.add("update " + id + (td != null ? " td" : "") + (placement != null ? " placement" : "")
                + (desiredCount != null ? " desired=" + desiredCount : "") + (force ? " force" : ""));
    }

    private void fail(InstanceId id) {
        if (failing.contains(id.toString())) {
            throw new io.quantsinfra.core.error.UpstreamException("could not change " + id + ": AWS answered 500");
        }
    }

    @Override
    public void delete(InstanceId id) {
        services.remove(id.toString());
        changes.add("delete " + id);
    }

    @Override
    public List<TaskDefinitionRef> revisions(String family) {
        return taskDefinitions.keySet().stream().filter(a -> a.contains("/" + family + ":")).sorted()
                .map(a -> new TaskDefinitionRef(a, family, Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)))).toList();
    }

    @Override
    public void deregister(TaskDefinitionRef td) {
        taskDefinitions.remove(td.arn());
        changes.add("deregister " + td.family() + ":" + td.revision());
    }
}
