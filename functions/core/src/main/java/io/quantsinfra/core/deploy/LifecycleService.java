package io.quantsinfra.core.deploy;

import io.quantsinfra.core.bot.BotStop;
import io.quantsinfra.core.bot.StopKind;
import io.quantsinfra.core.bot.TradeGuard;
import io.quantsinfra.core.bot.TradeSafety;
import io.quantsinfra.core.catalog.FreqtradeService;
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
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The service lifecycle of seed 000 (deploy, start, stop, restart, scale, destroy) over the
 * {@link ContainerPlatform} port. Every input is validated before the first platform call, so bad input
 * changes nothing; an unchanged deploy makes no mutating call. Before a running bot's task stops (stop, restart,
 * a redeploy that replaces it, scale-in, destroy) the {@link TradeGuard} is asked under the service lock: every
 * bot concerned is inspected first, so a refusal (a live bot with open trades, or one it cannot reach) changes
 * nothing; then each gets {@code stopentry}, and the history records what each had open and how it ended.
 *
 * {@snippet :
 * DeployResult r = lifecycle.deploy(new DeployRequest("data-collector", List.of("us-east-1a"),
 *         Map.of("pairs", List.of("BTC-USDT")), Overrides.NONE, false, false, false, "alice"));
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
    private final ServiceLocks locks;
    private final Telemetry telemetry;
    private final TradeGuard guard;

    public LifecycleService(ServiceCatalog catalog, ContainerPlatform platform, NetworkDirectory network,
                            StateStore state, SecretResolver secrets, SecretStore secretStore, PlatformContext context,
                            Clock clock, int parallelism, List<DeployHook> hooks,
                            io.quantsinfra.core.evaluation.Lease lease) {
        this(catalog, platform, network, state, secrets, secretStore, context, clock, parallelism, hooks, lease,
                Telemetry.NONE);
    }

    /** As above, reporting every deploy and its result to {@code telemetry}. */
    public LifecycleService(ServiceCatalog catalog, ContainerPlatform platform, NetworkDirectory network,
                            StateStore state, SecretResolver secrets, SecretStore secretStore, PlatformContext context,
                            Clock clock, int parallelism, List<DeployHook> hooks,
                            io.quantsinfra.core.evaluation.Lease lease, Telemetry telemetry) {
        this(catalog, platform, network, state, secrets, secretStore, context, clock, parallelism, hooks, lease, telemetry,
                TradeGuard.UNREACHABLE);
    }

    /** As above, asking {@code guard} before a bot's task stops. */
    public LifecycleService(ServiceCatalog catalog, ContainerPlatform platform, NetworkDirectory network,
                            StateStore state, SecretResolver secrets, SecretStore secretStore, PlatformContext context,
                            Clock clock, int parallelism, List<DeployHook> hooks,
                            io.quantsinfra.core.evaluation.Lease lease, Telemetry telemetry, TradeGuard guard) {
        this.guard = guard;
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
        this.locks = new ServiceLocks(lease, clock);
        this.telemetry = telemetry;
    }

    /** Deploys (or plans, with {@code dryRun}) a service. */
    public DeployResult deploy(DeployRequest request) {
        long started = System.nanoTime();
        String result = TelemetryEvent.Deploy.FAILED;
        try {
            DeployResult r = deployOnce(request);
            result = r.result();
            return r;
        } catch (InvalidInputException | NotFoundException | ConflictException e) {
            result = TelemetryEvent.Deploy.REJECTED;
            throw e;
        } finally {
            telemetry.record(new TelemetryEvent.Deploy(result, java.time.Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    private DeployResult deployOnce(DeployRequest request) {
        ServiceType type = catalog.get(request.service());
        LiteralSecrets.Extraction extraction = request.storeSecrets() ? LiteralSecrets.extract(type, request.config())
                : new LiteralSecrets.Extraction(request.config(), List.of());
        ServiceConfig config = type.validate(extraction.document());
        List<Placement> asked = placements(request.hosts());
        String id = UUID.randomUUID().toString();
        // A look without the lock answers dry runs and unchanged deploys, which write nothing (not even the lock).
        Decision look = decide(type, config, request, asked, extraction);
        if (request.dryRun()) {
            return new DeployResult(type.name(), true, "planned", id, look.preview(), look.stored());
        }
        if (look.unchanged()) {
            return new DeployResult(type.name(), false, "unchanged", id, look.preview(), look.stored());
        }
        try (ServiceLocks.Held held = locks.take(type.name(), request.actor())) {
            // Decided again on what exists now: a change that held the lock since the look (a destroy, a scale)
            // may have removed or added instances, or dropped the stored config the live check reads.
            Decision d = decide(type, config, request, asked, extraction);
            if (d.unchanged()) {
                return new DeployResult(type.name(), false, "unchanged", id, d.preview(), d.stored());
            }
            return apply(type, config, request, asked, d, id);
        }
    }

    /** What a deploy would do to the instances there are now, planned with nothing written. */
    private record Decision(List<InstanceState> existing, List<LiteralSecrets.Literal> changedLiterals,
                            List<DeployPlanner.Step> plan) {
        boolean unchanged() {
            return plan.stream().allMatch(DeployPlanner.Step::unchanged) && changedLiterals.isEmpty();
        }

        List<DeployResult.InstancePlan> preview() {
            return plan.stream().map(DeployPlanner.Step::preview).toList();
        }

        List<DeployResult.StoredSecret> stored() {
            return changedLiterals.stream().map(l -> new DeployResult.StoredSecret(l.field(), l.name())).toList();
        }
    }

    private Decision decide(ServiceType type, ServiceConfig config, DeployRequest request, List<Placement> asked,
                            LiteralSecrets.Extraction extraction) {
        List<InstanceState> existing = platform.instances(type.name());
        requireLiveConfirmation(type, config, existing, request.confirmLive());
        List<LiteralSecrets.Literal> changed = extraction.literals().stream().filter(this::differsFromStored).toList();
        // Every other reference is checked before any change.
        List<DeployPlanner.Step> plan = DeployPlanner.plan(type, config, request.overrides(), asked, existing, network,
                context, new DryRunSecrets(secrets, changed));
        return new Decision(existing, changed, plan);
    }

    /** Carries out a decision made under the service lock. */
    private DeployResult apply(ServiceType type, ServiceConfig config, DeployRequest request, List<Placement> asked,
                               Decision d, String id) {
        // Inspected before the first write: a refusal (a live bot it cannot reach) leaves everything as it was.
        List<TradeGuard.Inspection> looks = inspect(type, replaced(d.plan(), java.util.Set.of()), StopKind.REPLACE,
                request.safety());
        d.changedLiterals().forEach(l -> secretStore.put(SecretNames.check(l.name(), ""), SecretNames.checkValue(l.value())));
        // Planned again with the real resolver: stored literals and first-time generated secrets now have ARNs.
        List<DeployPlanner.Step> plan = DeployPlanner.plan(type, config, request.overrides(), asked, d.existing(), network,
                context, secrets);
        java.util.Set<String> restart = readersOf(plan, d.changedLiterals());
        List<InstanceState> readers = replaced(plan, restart).stream()
                .filter(s -> looks.stream().noneMatch(l -> l.target().instance().equals(s.id()))).toList();
        List<TradeGuard.Inspection> all = new ArrayList<>(looks);
        all.addAll(inspect(type, readers, StopKind.REPLACE, request.safety()));
        List<BotStop> stops = stop(all, StopKind.REPLACE, request.safety());
        hooks.forEach(h -> h.beforeDeploy(type, config));
        DeployExecutor.Outcome outcome = executor.run(plan, restart, platform);
        state.saveDeployed(new DeployedConfig(config, request.overrides()));
        record(id, type.name(), request.actor(), "deploy", outcome, stops);
        outcome.throwIfFailed();
        return new DeployResult(type.name(), false, "changed", id, outcome.done(), d.stored());
    }

    private List<Placement> placements(List<String> hosts) {
        if (hosts.size() > MAX_INSTANCES) {
            throw new InvalidInputException("hosts", "at most " + MAX_INSTANCES + " hosts, got " + hosts.size());
        }
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            if (host == null || host.isBlank()) {
                throw new InvalidInputException("hosts[" + i + "]", "a host is an availability zone or a subnet id");
            }
            out.add(network.resolve(host));
        }
        return out;
    }

    /** Whether a literal from the config differs from what its secret holds (or the secret does not exist yet). */
    private boolean differsFromStored(LiteralSecrets.Literal literal) {
        return secretStore.describe(literal.name()).map(m -> !secretStore.reveal(literal.name()).equals(literal.value()))
                .orElse(true);
    }

    /** Instances whose task reads one of the secrets whose value just changed: they restart to read it. */
    private java.util.Set<String> readersOf(List<DeployPlanner.Step> plan, List<LiteralSecrets.Literal> changed) {
        java.util.Set<String> arns = new java.util.HashSet<>();
        for (LiteralSecrets.Literal l : changed) {
            secretStore.describe(l.name()).ifPresent(m -> arns.add(m.arn()));
        }
        java.util.Set<String> readers = new java.util.HashSet<>();
        for (DeployPlanner.Step step : plan) {
            for (TaskSpec.ContainerSpec c : step.desired().containers()) {
                for (TaskSpec.SecretEnv s : c.secrets()) {
                    if (arns.stream().anyMatch(a -> s.valueFrom().equals(a) || s.valueFrom().startsWith(a + ":"))) {
                        readers.add(step.id().toString());
                    }
                }
            }
        }
        return readers;
    }

    /** Running instances whose tasks a plan replaces (a changed task or placement, or a restart to read a secret). */
    private static List<InstanceState> replaced(List<DeployPlanner.Step> plan, java.util.Set<String> restart) {
        return plan.stream().filter(s -> s.current() != null && s.current().desired() > 0
                && (!s.unchanged() || restart.contains(s.id().toString()))).map(DeployPlanner.Step::current).toList();
    }

    /** Inspects every running bot among {@code instances} before any of them is touched; refusals throw. */
    private List<TradeGuard.Inspection> inspect(ServiceType type, List<InstanceState> instances, StopKind kind,
                                                TradeSafety safety) {
        if (!(type instanceof FreqtradeService)) {
            return List.of();
        }
        java.util.Optional<DeployedConfig> running = state.deployed(type.name());
        // Without a stored config the bot's mode is unknown: treated as live, the careful side.
        boolean live = running.map(r -> type.isLive(r.config())).orElse(true);
        int port = running.map(r -> type.healthEndpoints(r.config(), r.overrides()).getFirst().port())
                .orElse(type.defaultPort());
        return instances.stream().filter(s -> s.desired() > 0)
                .map(s -> guard.inspect(new TradeGuard.Target(s.id(), port, live), kind, safety)).toList();
    }

    private List<BotStop> stop(List<TradeGuard.Inspection> looks, StopKind kind, TradeSafety safety) {
        return looks.stream().map(l -> guard.stop(l, kind, safety)).toList();
    }

    private void record(String id, String service, String actor, String action, DeployExecutor.Outcome outcome) {
        record(id, service, actor, action, outcome, List.of());
    }

    private void record(String id, String service, String actor, String action, DeployExecutor.Outcome outcome,
                        List<BotStop> stops) {
        List<String> lines = new ArrayList<>();
        outcome.done().forEach(p -> p.changes().forEach(c -> lines.add(p.instance() + ": " + c)));
        outcome.failures().forEach((instance, e) -> lines.add(instance + ": FAILED: " + e.getMessage()));
        List<String> instances = new ArrayList<>(outcome.done().stream().map(DeployResult.InstancePlan::instance).toList());
        instances.addAll(outcome.failures().keySet());
        stops.forEach(b -> lines.add(b.line()));
        state.record(new DeploymentRecord(id, service, actor, clock.instant(), action,
                outcome.failures().isEmpty() ? "succeeded" : "failed", instances, lines, stops));
    }

    private void requireLiveConfirmation(ServiceType type, ServiceConfig config, List<InstanceState> existing,
                                         boolean confirmed) {
        boolean live = Boolean.FALSE.equals(config.values().get("dry_run"));
        if (!live || confirmed || existing.isEmpty()) {
            return;
        }
        // Without a stored config the running instances' mode is unknown: ask, rather than go live unasked.
        boolean runningDry = state.deployed(type.name())
                .map(d -> !Boolean.FALSE.equals(d.config().values().get("dry_run")))
                .orElse(true);
        if (runningDry) {
            throw new ConflictException(type.name() + " is running in dry-run mode and this config trades live "
                    + "(dry_run: false); repeat with --confirm-live to switch to live trading");
        }
    }

    /** Starts (desiredCount 1), stops (0) or restarts (new deployment) one instance. */
    public ActionResult act(String instance, String action, String actor) {
        return act(instance, action, actor, TradeSafety.CAREFUL);
    }

    /** As above; {@code safety} says whether a live bot that cannot be reached may be stopped anyway. */
    public ActionResult act(String instance, String action, String actor, TradeSafety safety) {
        InstanceId id = InstanceId.parse(instance);
        catalog.get(id.service());
        String normalized = action == null ? "" : action;
        if (!List.of("start", "stop", "restart").contains(normalized)) {
            throw new InvalidInputException("action", "unknown action '" + InstanceId.printable(normalized)
                    + "'; expected start, stop or restart");
        }
        InstanceState seen = platform.instance(id).orElseThrow(() -> notFound(id));
        StopKind kind = normalized.equals("stop") ? StopKind.STOP : StopKind.RESTART;
        if (!normalized.equals("start")) {
            // A look without the lock: a refusal writes nothing, not even the lock. Decided again under it.
            inspect(catalog.get(id.service()), List.of(seen), kind, safety);
        }
        int desired;
        try (ServiceLocks.Held held = locks.take(id.service(), actor)) {
            // Read again under the lock: a destroy or scale-down that held it may have removed the instance.
            InstanceState current = platform.instance(id).orElseThrow(() -> notFound(id));
            desired = switch (normalized) {
                case "start" -> 1;
                case "stop" -> 0;
                default -> current.desired();
            };
            List<BotStop> stops = normalized.equals("start") ? List.of() : stop(inspect(catalog.get(id.service()),
                    List.of(current), normalized.equals("stop") ? StopKind.STOP : StopKind.RESTART, safety),
                    normalized.equals("stop") ? StopKind.STOP : StopKind.RESTART, safety);
            platform.update(id, null, null, normalized.equals("restart") ? null : desired, normalized.equals("restart"));
            state.record(new DeploymentRecord(UUID.randomUUID().toString(), id.service(), actor, clock.instant(),
                    normalized, "succeeded", List.of(id.toString()), stops.stream().map(BotStop::line).toList(), stops));
        }
        String message = switch (normalized) {
            case "start" -> id + " started (desired count 1)";
            case "stop" -> id + " stopped (desired count 0); its config is kept";
            default -> id + " restarting (new deployment)";
        };
        return new ActionResult(id.toString(), normalized, desired, message);
    }

    /** Scales a service to {@code count} instances: adds the lowest free indexes, removes the highest first. */
    public ScaleResult scale(String service, Integer count, String actor) {
        return scale(service, count, actor, TradeSafety.CAREFUL);
    }

    /** As above; {@code safety} says what to do with the open trades of live bots that are removed. */
    public ScaleResult scale(String service, Integer count, String actor, TradeSafety safety) {
        ServiceType type = catalog.get(service);
        if (count == null) {
            throw new InvalidInputException("count", "a target count is required");
        }
        if (count < 0 || count > MAX_INSTANCES) {
            throw new InvalidInputException("count", "must be between 0 and " + MAX_INSTANCES + ", got " + count);
        }
        // A look without the lock may only answer "nothing to do"; what to add or remove is read under it.
        List<InstanceState> seen = platform.instances(type.name());
        if (count == seen.size()) {
            return alreadyAt(type, count);
        }
        if (count < seen.size()) {
            // A refusal (a live bot with open trades) writes nothing, not even the lock; decided again under it.
            inspect(type, victims(seen, count), StopKind.SCALE_IN, safety);
        }
        try (ServiceLocks.Held held = locks.take(type.name(), actor)) {
            List<InstanceState> existing = platform.instances(type.name());
            if (count == existing.size()) {
                return alreadyAt(type, count);
            }
            String id = UUID.randomUUID().toString();
            List<String> added = count > existing.size() ? grow(type, existing, count, id, actor) : List.of();
            List<String> removed = count < existing.size() ? shrink(type, existing, count, id, actor, safety) : List.of();
            return new ScaleResult(type.name(), count, added, removed,
                    type.name() + " scaled from " + existing.size() + " to " + count + " instance(s)");
        }
    }

    private static ScaleResult alreadyAt(ServiceType type, int count) {
        return new ScaleResult(type.name(), count, List.of(), List.of(), type.name() + " already has " + count + " instance(s)");
    }

    private List<String> grow(ServiceType type, List<InstanceState> existing, int count, String id, String actor) {
        // Read under the lock: a destroy that finished just before forgot it, and then there is nothing to copy.
        DeployedConfig deployed = state.deployed(type.name()).orElseThrow(() -> new ConflictException(
                type.name() + " has never been deployed; deploy it before scaling up"));
        List<DeployPlanner.Step> plan = DeployPlanner.growth(type, deployed, existing, count, network, context, secrets);
        hooks.forEach(h -> h.beforeDeploy(type, deployed.config()));
        DeployExecutor.Outcome outcome = executor.run(plan, java.util.Set.of(), platform);
        record(id, type.name(), actor, "scale", outcome);
        outcome.throwIfFailed();
        return outcome.done().stream().map(DeployResult.InstancePlan::instance).toList();
    }

    private List<String> shrink(ServiceType type, List<InstanceState> existing, int count, String id, String actor,
                                TradeSafety safety) {
        List<InstanceState> victims = victims(existing, count);
        List<BotStop> stops = stop(inspect(type, victims, StopKind.SCALE_IN, safety), StopKind.SCALE_IN, safety);
        List<String> removed = new ArrayList<>();
        victims.forEach(s -> {
            remove(s);
            removed.add(s.id().toString());
        });
        List<String> lines = new ArrayList<>(List.of("count " + existing.size() + " → " + count));
        stops.forEach(b -> lines.add(b.line()));
        state.record(new DeploymentRecord(id, type.name(), actor, clock.instant(), "scale", "succeeded", removed,
                lines, stops));
        return removed;
    }

    private static List<InstanceState> victims(List<InstanceState> existing, int count) {
        return existing.stream().sorted((a, b) -> b.id().compareTo(a.id())).limit(existing.size() - count).toList();
    }

    /**
     * Removes every instance of a service, deregisters their task definitions and forgets its stored config, all
     * under the service lock (so a deploy cannot slip an instance in between, nor lose its config to the
     * forgetting); logs and secrets are kept.
     */
    public DestroyResult destroy(String service, String confirmation, String actor) {
        return destroy(service, confirmation, actor, TradeSafety.CAREFUL);
    }

    /** As above; {@code safety} says what to do with the open trades of live bots. */
    public DestroyResult destroy(String service, String confirmation, String actor, TradeSafety safety) {
        ServiceType type = catalog.get(service);
        if (!type.name().equals(confirmation)) {
            throw new ConflictException("destroy removes " + platform.instances(type.name()).size() + " instance(s) of "
                    + type.name() + "; confirm with --force or by typing the service name");
        }
        // A refusal (a live bot with open trades) writes nothing, not even the lock; decided again under it.
        inspect(type, platform.instances(type.name()), StopKind.DESTROY, safety);
        List<String> instances = new ArrayList<>();
        List<String> deregistered = new ArrayList<>();
        try (ServiceLocks.Held held = locks.take(type.name(), actor)) {
            List<InstanceState> victims = platform.instances(type.name()).reversed();
            List<BotStop> stops = stop(inspect(type, victims, StopKind.DESTROY, safety), StopKind.DESTROY, safety);
            for (InstanceState s : victims) {
                deregistered.addAll(remove(s));
                instances.add(s.id().toString());
            }
            state.forgetDeployed(type.name());
            state.record(new DeploymentRecord(UUID.randomUUID().toString(), type.name(), actor, clock.instant(),
                    "destroy", "succeeded", instances, stops.stream().map(BotStop::line).toList(), stops));
        }
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
