package io.quantsinfra.core.deploy;

import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.history.StateStore.DeployedConfig;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure planning: which instances a deploy creates, updates or leaves alone, and why. Instance {@code i}
 * (from 1) goes to the {@code i}-th host; instances beyond the hosts keep their placement and get the new
 * config too, because a service runs one config. A deploy never removes instances (that is {@code scale}).
 */
final class DeployPlanner {
    private DeployPlanner() {}

    /** One instance's step: what it runs now ({@code current}, null when new) and what it should run. */
    record Step(InstanceId id, InstanceState current, TaskSpec desired, Placement placement, String host,
                List<String> changes) {
        boolean creates() {
            return current == null;
        }

        boolean specChanged() {
            return current == null || !current.spec().equals(desired);
        }

        boolean placementChanged() {
            return current != null && !current.placement().subnets().equals(placement.subnets());
        }

        boolean unchanged() {
            return !specChanged() && !placementChanged();
        }

        DeployResult.InstancePlan preview() {
            String action = creates() ? "create" : unchanged() ? "unchanged" : "update";
            String td = current == null ? null : current.taskDefinition().arn();
            return new DeployResult.InstancePlan(id.toString(), host, action, td, changes, List.of());
        }
    }

    static List<Step> plan(ServiceType type, ServiceConfig config, Overrides overrides, List<Placement> asked,
                           List<InstanceState> existing, NetworkDirectory network, PlatformContext context,
                           SecretResolver secrets) {
        Map<Integer, InstanceState> byIndex = new TreeMap<>();
        existing.forEach(s -> byIndex.put(s.id().index(), s));
        int count = Math.max(asked.size(), existing.isEmpty() ? 1 : maxIndex(byIndex));
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            InstanceId id = new InstanceId(type.name(), i);
            InstanceState current = byIndex.get(i);
            Placement placement = i <= asked.size() ? asked.get(i - 1)
                    : current != null ? current.placement() : network.spread();
            TaskSpec desired = type.taskSpec(id, config, overrides, context, secrets);
            steps.add(step(id, current, desired, placement, network));
        }
        return steps;
    }

    /** Steps that add instances up to {@code count} with the service's deployed config, spread over subnets. */
    static List<Step> growth(ServiceType type, DeployedConfig deployed, List<InstanceState> existing, int count,
                             NetworkDirectory network, PlatformContext context, SecretResolver secrets) {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        existing.forEach(s -> taken.add(s.id().index()));
        List<Step> steps = new ArrayList<>();
        int index = 1;
        while (taken.size() + steps.size() < count) {
            if (!taken.contains(index)) {
                InstanceId id = new InstanceId(type.name(), index);
                TaskSpec desired = type.taskSpec(id, deployed.config(), deployed.overrides(), context, secrets);
                steps.add(step(id, null, desired, network.spread(), network));
            }
            index++;
        }
        return steps;
    }

    private static Step step(InstanceId id, InstanceState current, TaskSpec desired, Placement placement,
                             NetworkDirectory network) {
        List<String> changes = new ArrayList<>(current == null ? List.of(TaskSpecDiff.summary(desired))
                : TaskSpecDiff.between(current.spec(), desired));
        String host = network.describe(placement);
        if (current != null && !current.placement().subnets().equals(placement.subnets())) {
            changes.add("placement: " + network.describe(current.placement()) + " → " + host);
        }
        return new Step(id, current, desired, placement, host, changes);
    }

    private static int maxIndex(Map<Integer, InstanceState> byIndex) {
        return byIndex.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
