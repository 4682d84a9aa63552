package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.config.ConfigFiles;
import io.quantsinfra.cli.http.ApiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quants-infra deploy}: one instance per host, then wait for the rollout. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy a service: one instance per --host; an unchanged config changes nothing.")
public final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "freqtrade, data-collector or monitor")
    String service;

    @Option(names = "--host", paramLabel = "HOST",
            description = "availability zone (e.g. us-east-1a) or subnet id; repeat for more instances. "
                    + "None: keep current placements, or one instance spread over all subnets")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "service config, JSON or YAML")
    Path config;

    @Option(names = "--dry-run", description = "show the plan (task definition diff, counts) and change nothing")
    boolean dryRun;

    @Option(names = "--image", paramLabel = "IMAGE", description = "override the container image")
    String image;

    @Option(names = "--cpu", paramLabel = "UNITS", description = "override task cpu (256, 512, 1024, 2048, 4096)")
    Integer cpu;

    @Option(names = "--memory", paramLabel = "MIB", description = "override task memory in MiB")
    Integer memory;

    @Option(names = "--port", paramLabel = "PORT", description = "override the service's main port")
    Integer port;

    @Option(names = "--force", description = "replace a live bot's task even when its API cannot be reached to stop "
            + "new entries first")
    boolean force;

    @Option(names = "--confirm-live", description = "allow a running Freqtrade bot to switch from dry-run to live trading")
    boolean confirmLive;

    @Option(names = "--no-wait", description = "return once the deploy is started, without waiting for the rollout")
    boolean noWait;

    @Option(names = "--store-secrets", description = "store literal secrets found in the config in Secrets Manager "
            + "and deploy references to them (printed)")
    boolean storeSecrets;

    @Option(names = "--strategy", paramLabel = "NAME", description = "freqtrade: the strategy class, like Freqtrade's "
            + "own --strategy; used when the config names none, and wins (with a warning) when it names another")
    String strategy;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "how long to wait for the rollout (e.g. 90s, 10m; default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--terraform", description = "not used: provisioning is 'cdk deploy' (see docs/provisioning.md)")
    boolean terraform;

    @Override
    public Integer call() {
        if (terraform) {
            throw new CliException(CliException.INVALID, "quants-infra does not run Terraform: the AWS resources are "
                    + "provisioned with 'npx aws-cdk@2 deploy' from infra-cdk/ (see docs/provisioning.md); drop --terraform");
        }
        Duration wait = Durations.parse("--timeout", timeout);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hosts", hosts);
        body.put("config", config == null ? Map.of() : ConfigFiles.read(config));
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("image", image);
        overrides.put("cpu", cpu);
        overrides.put("memory", memory);
        overrides.put("port", port);
        body.put("overrides", overrides);
        body.put("dryRun", dryRun);
        body.put("confirmLive", confirmLive);
        body.put("force", force);
        body.put("storeSecrets", storeSecrets);
        if (strategy != null) {
            body.put("strategy", strategy);
        }
        PrintWriter out = spec.commandLine().getOut();
        ApiClient client = api.client();
        out.println(dryRun ? "Planning deploy of " + service + "…" : "Deploying " + service + "…");
        out.flush();
        JsonNode result = client.post("/v1/services/" + Paths.segment(service) + "/deploy", body);
        warn(result);
        List<String> changed = report(result, out);
        if (dryRun || changed.isEmpty() || noWait) {
            if (noWait && !changed.isEmpty()) {
                out.println("Not waiting for the rollout; follow it with 'quants-infra status --service " + service + "'.");
            }
            return 0;
        }
        new RolloutWatch(client, service, changed, expectedTaskDefinitions(result), wait, out).await();
        out.println(service + ": deployed " + changed.size() + " instance(s).");
        return 0;
    }

    /** {@code family:revision} each changed instance should end on, from the task definition ARNs the deploy returned. */
    private static java.util.Map<String, String> expectedTaskDefinitions(JsonNode result) {
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        for (JsonNode inst : result.path("instances")) {
            String arn = inst.path("taskDefinition").asText("");
            int slash = arn.lastIndexOf('/');
            if (slash >= 0 && !inst.path("action").asText().equals("unchanged")) {
                expected.put(inst.path("instance").asText(), arn.substring(slash + 1));
            }
        }
        return expected;
    }

    /** The API's warnings about the config (keys passed through, values overridden), one line each on stderr. */
    private void warn(JsonNode result) {
        PrintWriter err = spec.commandLine().getErr();
        for (JsonNode w : result.path("warnings")) {
            String field = w.path("field").asText("");
            err.println("warning: " + (field.isEmpty() ? "" : field + ": ") + w.path("message").asText());
        }
        err.flush();
    }

    private List<String> report(JsonNode result, PrintWriter out) {
        result.path("storedSecrets").forEach(s -> out.println((dryRun ? "would store " : "stored ")
                + s.path("field").asText() + " as secret " + s.path("secret").asText()
                + " (config now holds {\"secretRef\": \"" + s.path("secret").asText() + "\"})"));
        JsonNode instances = result.path("instances");
        int n = instances.size();
        List<String> changed = new ArrayList<>();
        int i = 0;
        for (JsonNode inst : instances) {
            i++;
            String id = inst.path("instance").asText();
            String action = inst.path("action").asText();
            String prefix = "[" + i + "/" + n + "] " + id + ": ";
            if (dryRun) {
                out.println(prefix + action + " in " + inst.path("host").asText());
                inst.path("changes").forEach(c -> out.println("      " + c.asText()));
            } else {
                for (JsonNode step : inst.path("steps")) {
                    out.println(prefix + step.asText());
                }
            }
            if (!action.equals("unchanged")) {
                changed.add(id);
            }
        }
        String outcome = result.path("result").asText();
        if (dryRun) {
            long creates = count(instances, "create");
            long updates = count(instances, "update");
            out.println("Plan: " + creates + " to create, " + updates + " to update, " + (n - creates - updates)
                    + " unchanged. Nothing was changed (--dry-run).");
        } else if (outcome.equals("unchanged")) {
            out.println(service + ": unchanged (" + n + " instance(s) already run this config); nothing to do.");
        }
        out.flush();
        return changed;
    }

    private static long count(JsonNode instances, String action) {
        long c = 0;
        for (JsonNode i : instances) {
            if (i.path("action").asText().equals(action)) {
                c++;
            }
        }
        return c;
    }
}
