package io.quantsinfra.core.deploy;

import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.error.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Carries out planned steps on the platform, instances in parallel with at most {@code parallelism} at a
 * time (ECS throttles RegisterTaskDefinition and CreateService per account).
 */
final class DeployExecutor {
    private final int parallelism;

    DeployExecutor(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    List<DeployResult.InstancePlan> run(List<DeployPlanner.Step> plan, ContainerPlatform platform) {
        Semaphore permits = new Semaphore(parallelism);
        List<Future<DeployResult.InstancePlan>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DeployPlanner.Step step : plan) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return apply(step, platform);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<DeployResult.InstancePlan> done = new ArrayList<>();
            QuantsInfraException first = null;
            for (Future<DeployResult.InstancePlan> f : futures) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof QuantsInfraException q ? q
                                : new UpstreamException("deploy step failed: " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpstreamException("interrupted while deploying", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return done;
        }
    }

    private static DeployResult.InstancePlan apply(DeployPlanner.Step step, ContainerPlatform platform) {
        List<String> steps = new ArrayList<>();
        String id = step.id().toString();
        if (step.unchanged()) {
            return new DeployResult.InstancePlan(id, step.host(), "unchanged", step.current().taskDefinition().arn(),
                    List.of(), List.of("unchanged"));
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
                    step.placementChanged() ? step.placement() : null, null, false);
        }
        return new DeployResult.InstancePlan(id, step.host(), step.creates() ? "create" : "update", td.arn(),
                step.changes(), steps);
    }
}
