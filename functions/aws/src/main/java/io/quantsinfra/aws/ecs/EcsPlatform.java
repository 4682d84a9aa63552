package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.Placement;
import io.quantsinfra.core.deploy.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * The {@link ContainerPlatform} on ECS Fargate: an instance is an ECS service named after it, running a
 * task definition of its own family, with the deployment circuit breaker (rollback on) and tags
 * {@code quants-infra:service}, {@code quants-infra:instance}, {@code managed-by=quants-infra}.
 *
 * <p>One task per instance; a deploy stops the old task before starting the new one
 * (minimumHealthyPercent 0, maximumPercent 100) so that a trading bot never runs twice.
 */
public final class EcsPlatform implements ContainerPlatform {
    static final String MANAGED_BY = "managed-by";
    static final String MANAGER = "quants-infra";
    private static final Pattern TD_ARN = Pattern.compile(".*:task-definition/([^:]+):(\\d+)$");

    /** What a task definition revision holds: its spec and the task role it was registered with. */
    private record Registered(TaskSpec spec, String taskRoleArn) {}

    /** Task definitions kept by ARN; a revision never changes, so an entry never goes stale. */
    static final int CACHED_TASK_DEFINITIONS = 512;

    private final EcsClient ecs;
    private final AwsSettings settings;
    private final TaskDefinitionMapper mapper;
    private final Map<String, Registered> specs = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Registered> eldest) {
                    return size() > CACHED_TASK_DEFINITIONS;
                }
            });

    public EcsPlatform(EcsClient ecs, AwsSettings settings) {
        this.ecs = ecs;
        this.settings = settings;
        this.mapper = new TaskDefinitionMapper(settings.region(), settings.executionRoleArn(), settings::taskRoleArn);
    }

    @Override
    public List<InstanceState> instances(String service) {
        return describeMatching(name -> InstanceId.isInstanceOf(name, service));
    }

    @Override
    public List<InstanceState> allInstances() {
        return describeMatching(name -> name.matches("[a-z][a-z0-9-]*-[1-9][0-9]{0,2}"));
    }

    @Override
    public Optional<InstanceState> instance(InstanceId id) {
        List<Service> found = AwsErrors.call("describe ECS service " + id, () -> ecs.describeServices(r -> r
                .cluster(settings.cluster()).services(id.toString()).include(ServiceField.TAGS)).services());
        return found.stream().filter(EcsPlatform::isManagedAndActive).findFirst().map(this::toState);
    }

    private List<InstanceState> describeMatching(Predicate<String> nameFilter) {
        List<String> names = new ArrayList<>();
        AwsErrors.call("list ECS services in cluster " + settings.cluster(), () -> {
            ecs.listServicesPaginator(r -> r.cluster(settings.cluster()).maxResults(100)).serviceArns().forEach(arn -> {
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                if (nameFilter.test(name)) {
                    names.add(name);
                }
            });
            return null;
        });
        List<InstanceState> states = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 10) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 10));
            List<Service> services = AwsErrors.call("describe ECS services", () -> ecs.describeServices(r -> r
                    .cluster(settings.cluster()).services(batch).include(ServiceField.TAGS)).services());
            services.stream().filter(EcsPlatform::isManagedAndActive).map(this::toState).forEach(states::add);
        }
        states.sort(Comparator.comparing(InstanceState::id));
        return states;
    }

    private static boolean isManagedAndActive(Service s) {
        return "ACTIVE".equals(s.status())
                && s.tags().stream().anyMatch(t -> MANAGED_BY.equals(t.key()) && MANAGER.equals(t.value()));
    }

    private InstanceState toState(Service s) {
        InstanceId id = InstanceId.parse(s.serviceName());
        TaskDefinitionRef ref = ref(s.taskDefinition());
        TaskSpec spec = spec(ref);
        List<String> subnets = s.networkConfiguration() == null || s.networkConfiguration().awsvpcConfiguration() == null
                ? List.of() : s.networkConfiguration().awsvpcConfiguration().subnets();
        String host = s.tags().stream().filter(t -> "quants-infra:host".equals(t.key())).map(Tag::value).findFirst().orElse("");
        return new InstanceState(id, ref, spec, new Placement(host, subnets), s.desiredCount(), s.runningCount(),
                s.pendingCount(), EcsRollout.of(s));
    }

    /**
     * The spec a task definition revision holds, read once per container: {@code DescribeTaskDefinition} per instance
     * was a quarter of a status's calls, for data that cannot change (a revision is immutable; quants-infra sets its
     * tags only when it registers it).
     */
    private TaskSpec spec(TaskDefinitionRef ref) {
        Registered cached = specs.get(ref.arn());
        if (cached == null) {
            DescribeTaskDefinitionResponse td = AwsErrors.call("describe task definition " + ref.family() + ":" + ref.revision(),
                    () -> ecs.describeTaskDefinition(r -> r.taskDefinition(ref.arn()).include(TaskDefinitionField.TAGS)));
            cached = new Registered(TaskDefinitionMapper.toSpec(td.taskDefinition(), td.tags()), td.taskDefinition().taskRoleArn());
            specs.put(ref.arn(), cached);
        }
        return withRoleCheck(cached.spec(), cached.taskRoleArn());
    }

    /** The spec, marked as different when its definition names another task role than its service type gets now. */
    private TaskSpec withRoleCheck(TaskSpec spec, String registeredRole) {
        String wanted = mapper.taskRoleArn(spec);
        if (wanted == null || wanted.equals(registeredRole)) {
            return spec;
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>(spec.tags());
        tags.put(TaskDefinitionMapper.STALE_ROLE_TAG, String.valueOf(registeredRole));
        return new TaskSpec(spec.family(), spec.cpu(), spec.memory(), spec.containers(), spec.volumes(), spec.logGroup(),
                spec.logStreamPrefix(), tags);
    }

    static TaskDefinitionRef ref(String arn) {
        Matcher m = TD_ARN.matcher(arn);
        if (!m.matches()) {
            throw new io.quantsinfra.core.error.UpstreamException("ECS returned an unexpected task definition ARN " + arn);
        }
        return new TaskDefinitionRef(arn, m.group(1), Integer.parseInt(m.group(2)));
    }

    @Override
    public TaskDefinitionRef register(TaskSpec spec) {
        String arn = AwsErrors.call("register task definition " + spec.family(),
                () -> ecs.registerTaskDefinition(mapper.toRequest(spec)).taskDefinition().taskDefinitionArn());
        return ref(arn);
    }

    @Override
    public void create(InstanceId id, TaskDefinitionRef taskDefinition, Placement placement, int desiredCount) {
        AwsErrors.call("create ECS service " + id, () -> ecs.createService(r -> r
                .cluster(settings.cluster())
                .serviceName(id.toString())
                .taskDefinition(taskDefinition.arn())
                .desiredCount(desiredCount)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(network(placement))
                .deploymentConfiguration(DeploymentConfiguration.builder()
                        .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                        .minimumHealthyPercent(0).maximumPercent(100).build())
                .propagateTags(PropagateTags.SERVICE)
                .enableECSManagedTags(true)
                .tags(tags(id, placement))));
    }

    private List<Tag> tags(InstanceId id, Placement placement) {
        return List.of(
                Tag.builder().key("quants-infra:service").value(id.service()).build(),
                Tag.builder().key("quants-infra:instance").value(id.toString()).build(),
                Tag.builder().key("quants-infra:host").value(placement.host()).build(),
                Tag.builder().key(MANAGED_BY).value(MANAGER).build());
    }

    private NetworkConfiguration network(Placement placement) {
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(placement.subnets())
                .securityGroups(settings.securityGroups())
                .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
                .build()).build();
    }

    @Override
    public void update(InstanceId id, TaskDefinitionRef taskDefinition, Placement placement, Integer desiredCount,
                       boolean forceNewDeployment) {
        AwsErrors.call("update ECS service " + id, () -> ecs.updateService(r -> {
            r.cluster(settings.cluster()).service(id.toString());
            if (taskDefinition != null) {
                r.taskDefinition(taskDefinition.arn());
            }
            if (placement != null) {
                r.networkConfiguration(network(placement));
            }
            if (desiredCount != null) {
                r.desiredCount(desiredCount);
            }
            if (forceNewDeployment) {
                r.forceNewDeployment(true);
            }
        }));
        if (placement != null) {
            String arn = instanceArn(id);
            AwsErrors.call("tag ECS service " + id, () -> ecs.tagResource(r -> r.resourceArn(arn)
                    .tags(Tag.builder().key("quants-infra:host").value(placement.host()).build())));
        }
    }

    private String instanceArn(InstanceId id) {
        return AwsErrors.call("describe ECS service " + id, () -> ecs.describeServices(r -> r
                .cluster(settings.cluster()).services(id.toString())).services()).stream().findFirst()
                .map(Service::serviceArn).orElseThrow(() -> new io.quantsinfra.core.error.NotFoundException(
                        "instance " + id + " disappeared while it was being updated"));
    }

    @Override
    public void delete(InstanceId id) {
        AwsErrors.call("delete ECS service " + id, () -> ecs.deleteService(r -> r
                .cluster(settings.cluster()).service(id.toString()).force(true)));
    }

    @Override
    public List<TaskDefinitionRef> revisions(String family) {
        List<TaskDefinitionRef> refs = new ArrayList<>();
        AwsErrors.call("list task definitions of " + family, () -> {
            ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns().forEach(arn -> {
                        TaskDefinitionRef ref = ref(arn);
                        if (ref.family().equals(family)) {
                            refs.add(ref);
                        }
                    });
            return null;
        });
        refs.sort(Comparator.comparingInt(TaskDefinitionRef::revision));
        return refs;
    }

    @Override
    public void deregister(TaskDefinitionRef taskDefinition) {
        AwsErrors.call("deregister task definition " + taskDefinition.family() + ":" + taskDefinition.revision(),
                () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(taskDefinition.arn())));
    }

    /** Tags every quants-infra resource carries, for the CDK's IAM conditions. */
    public static Map<String, String> managedTag() {
        return Map.of(MANAGED_BY, MANAGER);
    }
}
