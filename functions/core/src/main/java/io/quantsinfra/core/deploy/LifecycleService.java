package io.quantsinfra.core.deploy;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.OperationResults.ActionResult;
import io.quantsinfra.core.deploy.OperationResults.DestroyResult;
import io.quantsinfra.core.deploy.OperationResults.ScaleResult;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.history.StateStore.DeployedConfig;
import io.quantsinfra.core.secret.LiteralSecrets;
import io.quantsinfra.core.secret.SecretNames;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.core.secret.SecretStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The service lifecycle of seed 000 (deploy, start, stop, restart, scale, destroy) over the
 * {@link ContainerPlatform} port. Every input is validated before the first platform call, so bad input
 * changes nothing; an unchanged deploy makes no mutating call.
 *
 * {@snippet :
 * DeployResult r = lifecycle.deploy(new DeployRequest("data-collector", List.of("us-east-1a"),
 *         Map.of("pairs", List.of("BTC-USDT")), Overrides.NONE, false, false, "alice"));
 * }
 */
public final class LifecycleService {
    /** Most instances one service may have. */
    public static final int MAX_INSTANCES = 50;

    private final ServiceCatalog catalog;
    private final ContainerPlatform platform;
    private final NetworkDirectory network;
    private final StateStore state;
    private final SecretResolver secrets;
    private final SecretStore secretStore;
    private final PlatformContext context;
    private final Clock clock;
    private final DeployExecutor executor;
    private final List<DeployHook> hooks;

    public LifecycleService(ServiceCatalog catalog, ContainerPlatform platform, NetworkDirectory network,
                            StateStore state, SecretResolver secrets, SecretStore secretStore, PlatformContext context,
                            Clock clock, int parallelism, List<DeployHook> hooks) {
        this.catalog = catalog;
        this.platform = platform;
        this.network = network;
        this.state = state;
        this.secrets = secrets;
        this.secretStore = secretStore;
        this.context = context;
        this.clock = clock;
        this.executor = new DeployExecutor(parallelism);
        this.hooks = List.copyOf(hooks);
    }

    /** Deploys (or plans, with {@code dryRun}) a service. */
    public DeployResult deploy(DeployRequest request) {
        ServiceType type = catalog.get(request.service());
        List<LiteralSecrets.Literal> literals = List.of();
        java.util.Map<String, Object> raw = request.config();
        if (request.storeSecrets()) {
            LiteralSecrets.Extraction extraction = LiteralSecrets.extract(type, raw);
            raw = extraction.document();
            literals = extraction.literals();
        }
        ServiceConfig config = type.validate(raw);
        List<Placement> asked = request.hosts().stream().map(network::resolve).toList();
        if (asked.size() > MAX_INSTANCES) {
            throw new InvalidInputException("hosts", "at most " + MAX_INSTANCES + " hosts, got " + asked.size());
        }
        List<InstanceState> existing = platform.instances(type.name());
        requireLiveConfirmation(type, config, existing, request.confirmLive());
        List<DeployResult.StoredSecret> stored = literals.stream()
                .map(l -> new DeployResult.StoredSecret(l.field(), l.name())).toList();
        if (!request.dryRun()) {
            literals.forEach(l -> secretStore.put(SecretNames.check(l.name(), ""), SecretNames.checkValue(l.value())));
        }
        SecretResolver resolver = request.dryRun() ? new DryRunSecrets(secrets, literals) : secrets;
        List<DeployPlanner.Step> plan = DeployPlanner.plan(type, config, request.overrides(), asked, existing,
                network, context, resolver);
        String id = UUID.randomUUID().toString();
        if (request.dryRun()) {
            return new DeployResult(type.name(), true, "planned", id, plan.stream().map(DeployPlanner.Step::preview).toList(),
                    stored);
        }
        boolean changed = plan.stream().anyMatch(s -> !s.unchanged());
        if (!changed) {
            return new DeployResult(type.name(), false, "unchanged", id,
                    plan.stream().map(DeployPlanner.Step::preview).toList(), stored);
        }
        hooks.forEach(h -> h.beforeDeploy(type, config));
        List<DeployResult.InstancePlan> done = executor.run(plan, platform);
        state.saveDeployed(new DeployedConfig(config, request.overrides()));
        state.record(new DeploymentRecord(id, type.name(), request.actor(), clock.instant(), "deploy", "succeeded",
                done.stream().map(DeployResult.InstancePlan::instance).toList(),
                done.stream().flatMap(p -> p.changes().stream().map(c -> p.instance() + ": " + c)).toList()));
        return new DeployResult(type.name(), false, "changed", id, done, stored);
    }

    private void requireLiveConfirmation(ServiceType type, ServiceConfig config, List<InstanceState> existing,
                                         boolean confirmed) {
        boolean live = Boolean.FALSE.equals(config.values().get("dry_run"));
        if (!live || confirmed || existing.isEmpty()) {
            return;
        }
        boolean runningDry = state.deployed(type.name())
                .map(d -> !Boolean.FALSE.equals(d.config().values().get("dry_run")))
                .orElse(false);
        if (runningDry) {
            throw new ConflictException(type.name() + " is running in dry-run mode and this config trades live "
                    + "(dry_run: false); repeat with --confirm-live to switch to live trading");
        }
    }

    /** Starts (desiredCount 1), stops (0) or restarts (new deployment) one instance. */
    public ActionResult act(String instance, String action, String actor) {
        InstanceId id = InstanceId.parse(instance);
        catalog.get(id.service());
        String normalized = action == null ? "" : action;
        if (!List.of("start", "stop", "restart").contains(normalized)) {
            throw new InvalidInputException("action", "unknown action '" + InstanceId.printable(normalized)
                    + "'; expected start, stop or restart");
        }
        InstanceState current = platform.instance(id).orElseThrow(() -> notFound(id));
        int desired = switch (normalized) {
            case "start" -> {
                platform.update(id, null, null, 1, false);
                yield 1;
            }
            case "stop" -> {
                platform.update(id, null, null, 0, false);
                yield 0;
            }
            default -> {
                platform.update(id, null, null, null, true);
                yield current.desired();
            }
        };
        state.record(new DeploymentRecord(UUID.randomUUID().toString(), id.service(), actor, clock.instant(), normalized,
                "succeeded", List.of(id.toString()), List.of()));
        String message = switch (normalized) {
            case "start" -> id + " started (desired count 1)";
            case "stop" -> id + " stopped (desired count 0); its config is kept";
            default -> id + " restarting (new deployment)";
        };
        return new ActionResult(id.toString(), normalized, desired, message);
    }

    /** Scales a service to {@code count} instances, adding or removing the highest index first. */
    public ScaleResult scale(String service, Integer count, String actor) {
        ServiceType type = catalog.get(service);
        if (count == null) {
            throw new InvalidInputException("count", "a target count is required");
        }
        if (count < 0 || count > MAX_INSTANCES) {
            throw new InvalidInputException("count", "must be between 0 and " + MAX_INSTANCES + ", got " + count);
        }
        List<InstanceState> existing = platform.instances(type.name());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (count > existing.size()) {
            DeployedConfig deployed = state.deployed(type.name()).orElseThrow(() -> new ConflictException(
                    type.name() + " has never been deployed; deploy it before scaling up"));
            List<DeployPlanner.Step> plan = DeployPlanner.growth(type, deployed, existing, count, network, context, secrets);
            hooks.forEach(h -> h.beforeDeploy(type, deployed.config()));
            executor.run(plan, platform).forEach(p -> added.add(p.instance()));
        } else {
            List<InstanceState> doomed = existing.stream().sorted((a, b) -> b.id().compareTo(a.id()))
                    .limit(existing.size() - count).toList();
            for (InstanceState s : doomed) {
                remove(s);
                removed.add(s.id().toString());
            }
        }
        state.record(new DeploymentRecord(UUID.randomUUID().toString(), type.name(), actor, clock.instant(), "scale",
                added.isEmpty() && removed.isEmpty() ? "unchanged" : "succeeded",
                added.isEmpty() ? removed : added, List.of("count " + existing.size() + " → " + count)));
        String message = added.isEmpty() && removed.isEmpty() ? type.name() + " already has " + count + " instance(s)"
                : type.name() + " scaled from " + existing.size() + " to " + count + " instance(s)";
        return new ScaleResult(type.name(), count, added, removed, message);
    }

    /** Removes every instance of a service and deregisters their task definitions; logs and secrets are kept. */
    public DestroyResult destroy(String service, String confirmation, String actor) {
        ServiceType type = catalog.get(service);
        List<InstanceState> existing = platform.instances(type.name());
        if (!type.name().equals(confirmation)) {
            throw new ConflictException("destroy removes " + existing.size() + " instance(s) of " + type.name()
                    + "; confirm with --force or by typing the service name");
        }
        List<String> instances = new ArrayList<>();
        List<String> deregistered = new ArrayList<>();
        for (InstanceState s : existing.reversed()) {
            deregistered.addAll(remove(s));
            instances.add(s.id().toString());
        }
        state.forgetDeployed(type.name());
        state.record(new DeploymentRecord(UUID.randomUUID().toString(), type.name(), actor, clock.instant(), "destroy",
                "succeeded", instances, List.of()));
        String message = instances.isEmpty() ? type.name() + " had no instances; nothing removed"
                : "removed " + instances.size() + " instance(s) of " + type.name() + " and "
                + deregistered.size() + " task definition revision(s); log group and secrets kept";
        return new DestroyResult(type.name(), instances, deregistered, List.of(context.logGroup(type.name())), message);
    }

    /** The instances of one service (or all, when {@code service} is null), after checking the name. */
    public List<InstanceState> instances(String service) {
        if (service == null || service.isBlank()) {
            return platform.allInstances();
        }
        return platform.instances(catalog.get(service).name());
    }

    /** One instance, or NotFoundException. */
    public InstanceState instance(String instance) {
        InstanceId id = InstanceId.parse(instance);
        catalog.get(id.service());
        return platform.instance(id).orElseThrow(() -> notFound(id));
    }

    private List<String> remove(InstanceState s) {
        platform.delete(s.id());
        List<String> arns = new ArrayList<>();
        for (ContainerPlatform.TaskDefinitionRef ref : platform.revisions(s.id().toString())) {
            platform.deregister(ref);
            arns.add(ref.arn());
        }
        return arns;
    }

    private static NotFoundException notFound(InstanceId id) {
        return new NotFoundException("instance " + id + " does not exist; 'quants-infra status --service "
                + id.service() + "' lists its instances");
    }
}
