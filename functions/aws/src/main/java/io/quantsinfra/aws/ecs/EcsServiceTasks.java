package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The tasks of many ECS services at once, in calls that do not grow with the number of services: {@code ListTasks}
 * over the whole cluster (100 task ARNs a page) per desired status, then {@code DescribeTasks} 100 tasks a call,
 * grouped by the task's {@code group} ({@code service:<name>}, which ECS gives every task a service starts).
 * Per-service {@code ListTasks} would cost two calls per instance plus a {@code DescribeTasks}; a status of 50
 * instances made some 200 calls that way.
 *
 * <p>Grouping by {@code group} also keeps a one-off task (a job, started with {@code RunTask}) out of every
 * service's list — the emulator ignores {@code ListTasks}' {@code serviceName} filter, so that filter alone is not
 * relied on anywhere.
 *
 * {@snippet :
 * Map<String, List<Task>> tasks = new EcsServiceTasks(ecs, cluster).of(List.of("freqtrade-1", "data-collector-1"), true);
 * }
 */
public final class EcsServiceTasks {
    /** Most tasks one {@code DescribeTasks} call takes (ECS's limit), and most ARNs a {@code ListTasks} page holds. */
    static final int PAGE = 100;
    static final String SERVICE_GROUP = "service:";

    private final EcsClient ecs;
    private final String cluster;

    public EcsServiceTasks(EcsClient ecs, String cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }

    /**
     * The tasks of each of {@code services} (ECS service names): the running ones and, with {@code stopped}, those
     * ECS still keeps after they stopped (about an hour). Every name is a key, with an empty list when it has none.
     */
    public Map<String, List<Task>> of(Collection<String> services, boolean stopped) {
        Map<String, List<Task>> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s, new ArrayList<>()));
        if (services.isEmpty()) {
            return out;
        }
        List<String> arns = new ArrayList<>(arns(DesiredStatus.RUNNING));
        if (stopped) {
            Set<String> seen = new HashSet<>(arns);
            arns(DesiredStatus.STOPPED).stream().filter(seen::add).forEach(arns::add);
        }
        for (Task t : describe(arns)) {
            String group = t.group();
            if (group != null && group.startsWith(SERVICE_GROUP)) {
                List<Task> list = out.get(group.substring(SERVICE_GROUP.length()));
                if (list != null) {
                    list.add(t);
                }
            }
        }
        return out;
    }

    /** The tasks of one service: {@link #of} for one name, with the {@code serviceName} filter narrowing the listing. */
    public List<Task> of(String service, boolean stopped) {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : stopped ? List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED) : List.of(DesiredStatus.RUNNING)) {
            AwsErrors.call("list tasks of " + service, () -> {
                ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(service).desiredStatus(status).maxResults(PAGE))
                        .taskArns().forEach(a -> {
                            if (!arns.contains(a)) {
                                arns.add(a);
                            }
                        });
                return null;
            });
        }
        return describe(arns).stream().filter(t -> (SERVICE_GROUP + service).equals(t.group())).toList();
    }

    private List<String> arns(DesiredStatus status) {
        List<String> arns = new ArrayList<>();
        AwsErrors.call("list tasks in cluster " + cluster, () -> {
            ecs.listTasksPaginator(r -> r.cluster(cluster).desiredStatus(status).maxResults(PAGE)).taskArns().forEach(arns::add);
            return null;
        });
        return arns;
    }

    private List<Task> describe(List<String> arns) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += PAGE) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + PAGE));
            tasks.addAll(AwsErrors.call("describe tasks in cluster " + cluster,
                    () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks()));
        }
        return tasks;
    }
}
