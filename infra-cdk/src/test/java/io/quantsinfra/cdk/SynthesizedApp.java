package io.quantsinfra.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.cdk.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import io.quantsinfra.cdk.stacks.ScheduledJob;

/**
 * Synthesized apps, each built once per test JVM and shared by every test class:
 * <ul>
 *   <li>{@link #standard()}: the app as {@code cdk synth} builds it with the checked-in {@code cdk.json}, written to
 *       {@code infra-cdk/cdk.out};</li>
 *   <li>{@link #variant()}: the other branches of the configuration — low-cost network mode in an imported VPC, a
 *       custom site domain, alert and alarm e-mail — with the scheduled jobs and the rotation function enabled by
 *       a stand-in handler (the API's, the one class that exists today), written to {@code target/cdk.out-variant}.</li>
 * </ul>
 */
public final class SynthesizedApp {
    /** This module's directory (Maven runs tests from it). */
    public static final Path MODULE = Path.of("").toAbsolutePath();
    public static final Path OUT = MODULE.resolve("cdk.out");
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Path VARIANT_OUT = MODULE.resolve("target/cdk.out-variant");
    private static volatile SynthesizedApp standard;
    private static volatile SynthesizedApp variant;

    private final QuantsInfraApp.Stacks stacks;
    private final CloudAssembly assembly;
    private final Duration synthTime;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> json = new ConcurrentHashMap<>();

    private final Path out;

    private SynthesizedApp(Path out, Map<String, Object> overrides, boolean standInHandlers) {
        this.out = out;
        long start = System.nanoTime();
        deleteRecursively(out);
        Map<String, Object> context = cdkJsonContext();
        context.putAll(overrides);
        App app = new App(AppProps.builder().outdir(out.toString()).context(context).build());
        AppConfig config = AppConfig.from(app.getNode()::tryGetContext, QuantsInfraApp.repositoryRoot());
        if (standInHandlers) {
            String handler = ControlPlaneStack.API_HANDLER;
            List<ScheduledJob> jobs = ScheduledJob.standard(config).stream().map(j -> new ScheduledJob(j.id(), j.description(),
                    handler, config.apiLambdaJar(), j.rate(), j.input(), j.capabilities())).toList();
            stacks = QuantsInfraApp.wire(app, config, jobs, new ControlPlaneStack.Rotation(handler, config.apiLambdaJar()));
        } else {
            stacks = QuantsInfraApp.wire(app, config);
        }
        assembly = app.synth();
        synthTime = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("infra-cdk: synthesized %d stacks into %s in %.1f s%n",
                assembly.getStacks().size(), MODULE.relativize(out), synthTime.toMillis() / 1000.0);
    }

    /** The app with {@code cdk.json}'s defaults, in {@code infra-cdk/cdk.out}. */
    public static synchronized SynthesizedApp standard() {
        if (standard == null) {
            standard = new SynthesizedApp(OUT, Map.of(), false);
        }
        return standard;
    }

    /** The other configuration branches, with stand-in handlers for the pending scheduled and rotation jobs. */
    public static synchronized SynthesizedApp variant() {
        if (variant == null) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put(AppConfig.ENVIRONMENT_NAME, "lowcost");
            overrides.put(AppConfig.NETWORK_MODE, "none");
            overrides.put(AppConfig.VPC_ID, "vpc-0123456789abcdef0");
            overrides.put(AppConfig.VPC_AVAILABILITY_ZONES, List.of("us-east-1a", "us-east-1b"));
            overrides.put(AppConfig.INSTANCE_SUBNET_IDS, "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
            overrides.put(AppConfig.SITE_DOMAIN_NAME, "runbooks.example.com");
            overrides.put(AppConfig.SITE_CERTIFICATE_ARN,
                    "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555");
            overrides.put(AppConfig.ALERT_EMAIL_SENDER, "alerts@example.com");
            overrides.put(AppConfig.ALARM_EMAIL, "ops@example.com");
            overrides.put(AppConfig.VPC_CIDR, "10.9.0.0/16");
            overrides.put(AppConfig.EGRESS_ALLOW, List.of("10.9.8.0/24"));
            overrides.put(AppConfig.MONITOR_AMP_WORKSPACE_ARN,
                    "arn:aws:aps:us-east-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789");
            variant = new SynthesizedApp(VARIANT_OUT, overrides, true);
        }
        return variant;
    }

    /** Where this app was synthesized. */
    public Path out() {
        return out;
    }

    /** The {@code context} of {@code cdk.json}: the defaults and the feature flags, as the CDK CLI would pass them. */
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> doc = JSON.readValue(MODULE.resolve("cdk.json").toFile(), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) doc.get("context");
            return new LinkedHashMap<>(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public QuantsInfraApp.Stacks stacks() {
        return stacks;
    }

    public CloudAssembly assembly() {
        return assembly;
    }

    public Duration synthTime() {
        return synthTime;
    }

    public List<CloudFormationStackArtifact> artifacts() {
        return assembly.getStacks();
    }

    /** The synthesized template of a stack, by construct id ({@code Network}, {@code ControlPlane}, ...). */
    public Template template(String stackId) {
        return templates.computeIfAbsent(stackId, id -> Template.fromJSON(json(id)));
    }

    /** The same template as plain JSON maps, for walking every statement. */
    public Map<String, Object> json(String stackId) {
        return json.computeIfAbsent(stackId, id -> {
            CloudFormationStackArtifact artifact = artifacts().stream()
                    .filter(a -> a.getHierarchicalId().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no stack " + id));
            try {
                return JSON.readValue(Path.of(artifact.getTemplateFullPath()).toFile(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every stack's construct id. */
    public List<String> stackIds() {
        return artifacts().stream().map(CloudFormationStackArtifact::getHierarchicalId).toList();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
