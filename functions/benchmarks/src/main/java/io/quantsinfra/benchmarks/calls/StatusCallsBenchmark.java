package io.quantsinfra.benchmarks.calls;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cli.QuantsInfraCli;
import io.quantsinfra.scheduled.HealthProbeHandler;
import io.quantsinfra.scheduled.ScheduledWiring;
import io.quantsinfra.testing.emulator.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * AWS calls and wall time of {@code quants-infra status} and of one scheduled health-probe cycle for 1, 10 and 50
 * instances, against local mode on moto. The emulator starts no task for a service, so each instance gets one
 * running task by {@code RunTask} with the {@code group} ECS gives a service's tasks; status and the probe then see
 * what they would see on AWS. Each size is measured on a fresh API (its caches empty: a cold Lambda container) and
 * again right after (warm), and on a fresh and a reused probe wiring. Nothing is probed over HTTP (the emulator's
 * task addresses are not real hosts): probing is off for the API and the probe's address finder answers none.
 *
 * {@snippet lang=sh :
 * functions/benchmarks/status-calls.sh
 * }
 */
public final class StatusCallsBenchmark {
    private static final String SERVICE = "data-collector";

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("quants-infra-bench-status");
        Path config = Files.writeString(work.resolve("data-collector.json"), DeployCallsBenchmark.CONFIG);
        AwsCallRecorder recorder = new AwsCallRecorder();
        try (MotoServer moto = MotoServer.start(0, Map.of("MOTO_ECS_SERVICE_RUNNING", "1"), work.resolve("moto.log"))) {
            System.out.println("AWS calls of status and of one health-probe cycle — " + moto.describe());
            System.out.printf("%-34s %9s %9s %12s %9s  %s%n", "step", "instances", "AWS calls", "per instance", "wall ms",
                    "by operation");
            int deployed = 0;
            for (int n : new int[] {1, 10, 50}) {
                try (LocalMode local = LocalMode.start(moto.endpoint(), 0, new SettingsOverlay(
                        Map.of(AwsSettings.AWS_RETRIES, "0", AwsSettings.HEALTH_PROBE, "false"), List.of(recorder)))) {
                    cli(local, deployArgs(config, n));
                    try (AwsClients clients = new AwsClients(local.settings(), List.of())) {
                        deployed = startTasks(clients.ecs(), local.settings(), deployed, n);
                    }
                }
                // A fresh API: nothing cached, as in a Lambda container's first request.
                try (LocalMode local = LocalMode.start(moto.endpoint(), 0, new SettingsOverlay(
                        Map.of(AwsSettings.AWS_RETRIES, "0", AwsSettings.HEALTH_PROBE, "false"), List.of(recorder)))) {
                    measure("status, fresh API", n, recorder, () -> cli(local, new String[] {"status"}));
                    measure("status, warm API", n, recorder, () -> cli(local, new String[] {"status"}));
                    probe(local.settings(), n, recorder);
                }
            }
        }
    }

    private static void probe(AwsSettings settings, int n, AwsCallRecorder recorder) {
        AwsSettings noMonitor = AwsSettings.from(withoutMonitorBucket(settings.toEnvironment()));
        try (ScheduledWiring wiring = new ScheduledWiring(noMonitor, Clock.systemUTC(), List.of(recorder),
                (instance, tasks) -> Optional.empty())) {
            HealthProbeHandler handler = new HealthProbeHandler(wiring);
            measure("probe cycle, fresh container", n, recorder, () -> quietly(() -> handler.handleRequest(Map.of(), null)));
            measure("probe cycle, warm container", n, recorder, () -> quietly(() -> handler.handleRequest(Map.of(), null)));
        }
    }

    /** Runs {@code step} without the handler's result line (one JSON line per instance would bury the table). */
    private static void quietly(Runnable step) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            step.run();
        } finally {
            System.setOut(out);
        }
    }

    /** The probe's own ECS and CloudWatch calls only: the monitor's file republishing (S3) is not per instance. */
    private static Map<String, String> withoutMonitorBucket(Map<String, String> env) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.remove(AwsSettings.MONITOR_BUCKET);
        return copy;
    }

    /** One running task for each instance that has none yet, grouped as ECS groups a service's tasks. */
    private static int startTasks(EcsClient ecs, AwsSettings s, int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            String name = SERVICE + "-" + i;
            Service service = ecs.describeServices(r -> r.cluster(s.cluster()).services(name)).services().getFirst();
            ecs.runTask(r -> r.cluster(s.cluster()).taskDefinition(service.taskDefinition()).launchType(LaunchType.FARGATE)
                    .group("service:" + name)
                    .networkConfiguration(c -> c.awsvpcConfiguration(v -> v.subnets(s.subnets()).securityGroups(s.securityGroups()))));
        }
        return Math.max(from, to);
    }

    private static void measure(String name, int n, AwsCallRecorder recorder, Runnable step) {
        recorder.clear();
        long start = System.nanoTime();
        step.run();
        long wall = (System.nanoTime() - start) / 1_000_000;
        Map<String, Integer> ops = new TreeMap<>();
        recorder.calls().forEach(c -> ops.merge(c.operation(), 1, Integer::sum));
        int calls = recorder.calls().size();
        System.out.printf("%-34s %9d %9d %12.2f %9d  %s%n", name, n, calls, calls / (double) n, wall, ops);
    }

    private static String[] deployArgs(Path config, int instances) {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "--service", SERVICE, "--config", config.toString()));
        for (int i = 0; i < instances; i++) {
            args.add("--host");
            args.add(i % 2 == 0 ? "us-east-1a" : "us-east-1b");
        }
        args.add("--no-wait");
        return args.toArray(String[]::new);
    }

    private static void cli(LocalMode local, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = QuantsInfraCli.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("QUANTS_INFRA_ENDPOINT", "http://127.0.0.1:" + local.port(), "USER", "benchmark"));
        if (exit != 0) {
            throw new IllegalStateException("quants-infra " + String.join(" ", args) + " exited " + exit + "\n" + out + err);
        }
    }
}
