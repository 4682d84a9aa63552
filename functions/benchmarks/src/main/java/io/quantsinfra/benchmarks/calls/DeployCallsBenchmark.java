package io.quantsinfra.benchmarks.calls;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cli.QuantsInfraCli;
import io.quantsinfra.testing.emulator.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time and AWS calls of data-collector deploys, driven through the CLI (in this JVM) against local
 * mode on moto, with an {@link AwsCallRecorder} on every client of the API. After a first status and
 * deploy that warm the JVM up (reported on their own), {@code rounds} times: deploy to 1 host, destroy,
 * deploy to 10 hosts, redeploy the same config unchanged (which must make no mutating call), status,
 * destroy; then once more each size with the CLI waiting for the rollouts. Timed deploys pass
 * {@code --no-wait}: the CLI's rollout watch polls status every 2 s, which would time the poll interval,
 * not the deploy. Exits 1 if an unchanged redeploy made a mutating call.
 *
 * {@snippet lang=sh :
 * java -cp "target/classes:$(cat target/benchmark-classpath.txt)" io.quantsinfra.benchmarks.calls.DeployCallsBenchmark 5
 * }
 */
public final class DeployCallsBenchmark {
    static final String SERVICE = "data-collector";
    static final String CONFIG = """
            {"exchange":"gateio","pairs":["BTC-USDT"],"interval":5}
            """;

    private final LocalMode local;
    private final AwsCallRecorder recorder;
    private final Path config;

    private DeployCallsBenchmark(LocalMode local, AwsCallRecorder recorder, Path config) {
        this.local = local;
        this.recorder = recorder;
        this.config = config;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("rounds must be 1..20, got " + rounds);
        }
        Path work = Files.createTempDirectory("quants-infra-bench-calls");
        Path config = Files.writeString(work.resolve("data-collector.json"), CONFIG);
        AwsCallRecorder recorder = new AwsCallRecorder();
        boolean ok;
        try (MotoServer moto = MotoServer.start(0, Map.of("MOTO_ECS_SERVICE_RUNNING", "1"), work.resolve("moto.log"));
             LocalMode local = LocalMode.start(moto.endpoint(), 0,
                     new SettingsOverlay(Map.of(AwsSettings.AWS_RETRIES, "0"), List.of(recorder)))) {
            System.out.println("AWS calls per deploy — " + moto.describe() + ", API on 127.0.0.1:" + local.port()
                    + ", " + rounds + " round(s) after a first status and deploy");
            ok = new DeployCallsBenchmark(local, recorder, config).run(rounds);
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int rounds) {
        // What the cold-start benchmark's GET /v1/status costs on an empty account, as the first request.
        Step empty = cli("status, empty account", new String[] {"status"});
        Step cold = cli("first deploy x1", deployArgs(1, true));
        cli("warm-up destroy", destroyArgs());
        Map<String, List<Step>> timed = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            add(timed, cli(Report.DEPLOY_1, deployArgs(1, true)));
            add(timed, cli("destroy x1", destroyArgs()));
            add(timed, cli(Report.DEPLOY_10, deployArgs(10, true)));
            add(timed, cli(Report.REDEPLOY_10, deployArgs(10, true)));
            add(timed, cli("status (10 instances)", new String[] {"status", "--service", SERVICE}));
            add(timed, cli("destroy x10", destroyArgs()));
        }
        add(timed, cli(Report.WAIT_1, deployArgs(1, false)));
        cli("destroy", destroyArgs());
        add(timed, cli(Report.WAIT_10, deployArgs(10, false)));
        cli("destroy", destroyArgs());

        Report report = new Report(List.of(empty, cold), timed);
        report.print(System.out);
        return report.redeployMadeNoMutatingCall();
    }

    private static void add(Map<String, List<Step>> timed, Step step) {
        timed.computeIfAbsent(step.name(), k -> new ArrayList<>()).add(step);
    }

    private String[] deployArgs(int instances, boolean noWait) {
        List<String> args = new ArrayList<>(List.of("deploy", "--service", SERVICE, "--config", config.toString()));
        for (int i = 0; i < instances; i++) {
            args.add("--host");
            args.add(i % 2 == 0 ? "us-east-1a" : "us-east-1b");
        }
        args.add(noWait ? "--no-wait" : "--timeout=60s");
        return args.toArray(String[]::new);
    }

    private static String[] destroyArgs() {
        return new String[] {"destroy", "--service", SERVICE, "--force"};
    }

    /** Runs one CLI command in this JVM, timing it and collecting the AWS calls the API made meanwhile. */
    private Step cli(String name, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        recorder.clear();
        long start = System.nanoTime();
        int exit = QuantsInfraCli.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("QUANTS_INFRA_ENDPOINT", "http://127.0.0.1:" + local.port(), "USER", "benchmark"));
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(name + ": quants-infra " + String.join(" ", args) + " exited " + exit
                    + "\n" + out + err + "(if the AWS emulator is unreachable: was moto_server stopped from outside?)");
        }
        return new Step(name, wall, recorder.calls());
    }
}
