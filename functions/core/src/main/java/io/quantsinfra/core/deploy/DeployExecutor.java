package io.quantsinfra.core.deploy;

import io.quantsinfra.core.error.QuantsInfraException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Carries out planned steps on the platform, instances in parallel with at most {@code parallelism} at a
 * time (ECS throttles RegisterTaskDefinition and CreateService per account). Every instance is attempted; the
 * outcome says which changed and which failed, so a partial deploy is recorded as such.
 */
final class DeployExecutor {
    private final int parallelism;

    DeployExecutor(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    /** What happened: the instances done, and the failures by instance (in plan order). */
    record Outcome(List<DeployResult.InstancePlan> done, Map<String, RuntimeException> failures) {
        /** Rethrows the first failure, naming what else happened; project exceptions keep their kind. */
        void throwIfFailed() {
            if (failures.isEmpty()) {
                return;
            }
            Map.Entry<String, RuntimeException> first = failures.entrySet().iterator().next();
            if (!(first.getValue() instanceof QuantsInfraException q)) {
                throw first.getValue();
            }
            String others = done.isEmpty() ? "" : "; done: " + String.join(", ", done.stream()
                    .map(DeployResult.InstancePlan::instance).toList());
            String more = failures.size() > 1 ? "; also failed: " + String.join(", ",
                    failures.keySet().stream().skip(1).toList()) : "";
            throw new PartialDeployException(first.getKey() + ": " + q.getMessage() + more + others, q);
        }
    }

    /** A step failed; keeps the failure's kind (and so its HTTP status and exit code). */
    static final class PartialDeployException extends QuantsInfraException {
        private final Kind kind;

        PartialDeployException(String message, QuantsInfraException cause) {
            super(message, cause);
            this.kind = cause.kind();
        }

        @Override
        public Kind kind() {
            return kind;
        }
    }

    Outcome run(List<DeployPlanner.Step> plan, Set<String> restart, ContainerPlatform platform) {
        Semaphore permits = new Semaphore(parallelism);
        Map<DeployPlanner.Step, Future<DeployResult.InstancePlan>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DeployPlanner.Step step : plan) {
                futures.put(step, pool.submit(() -> {
                    permits.acquire();
                    try {
                        return apply(step, restart.contains(step.id().toString()), platform);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<DeployResult.InstancePlan> done = new ArrayList<>();
            Map<String, RuntimeException> failures = new LinkedHashMap<>();
            for (Map.Entry<DeployPlanner.Step, Future<DeployResult.InstancePlan>> f : futures.entrySet()) {
                try {
                    done.add(f.getValue().get());
                } catch (ExecutionException e) {
                    failures.put(f.getKey().id().toString(), e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while deploying", e);
                }
            }
            return new Outcome(done, failures);
        }
    }

    private static DeployResult.InstancePlan apply(DeployPlanner.Step step, boolean restart, ContainerPlatform platform) {
        List<String> steps = new ArrayList<>();
        String id = step.id().toString();
        if (step.unchanged()) {
            if (!restart) {
                return new DeployResult.InstancePlan(id, step.host(), "unchanged", step.current().taskDefinition().arn(),
                        List.of(), List.of("unchanged"));
            }
            platform.update(step.id(), null, null, null, true);
            return new DeployResult.InstancePlan(id, step.host(), "restart", step.current().taskDefinition().arn(),
                    List.of("a secret it reads has a new value"), List.of("restarting to read the new secret value…"));
        }
        ContainerPlatform.TaskDefinitionRef td = step.current() == null ? null : step.current().taskDefinition();
        if (step.specChanged()) {
            steps.add("registering task definition…");
            td = platform.register(step.desired());
            steps.add("registered " + td.family() + ":" + td.revision());
        }
        if (step.creates()) {
            steps.add("creating service in " + step.host() + "…");
            platform.create(step.id(), td, step.placement(), 1);
        } else {
            steps.add("updating service…");
            platform.update(step.id(), step.specChanged() ? td : null,
                    step.placementChanged() ? step.placement() : null, null, restart && !step.specChanged());
        }
        return new DeployResult.InstancePlan(id, step.host(), step.creates() ? "create" : "update", td.arn(),
                step.changes(), steps);
    }
}
