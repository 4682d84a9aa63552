package io.quantsinfra.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.quantsinfra.cdk.config.AppConfig;
import io.quantsinfra.cdk.constructs.LambdaArtifact;
import io.quantsinfra.cdk.shared.SharedNames;
import io.quantsinfra.cdk.constructs.ConsoleRoutes;
import io.quantsinfra.cdk.stacks.ConsoleStack;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import io.quantsinfra.cdk.stacks.DataStack;
import io.quantsinfra.cdk.stacks.InstancesStack;
import io.quantsinfra.cdk.stacks.NetworkStack;
import io.quantsinfra.cdk.stacks.ObservabilityStack;
import io.quantsinfra.cdk.stacks.ScheduledJob;
import io.quantsinfra.cdk.stacks.SiteStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.IFunction;
import io.quantsinfra.cdk.config.LogRetention;

/**
 * The CDK app: reads the configuration, wires the stacks through their props, tags everything and runs cdk-nag's
 * AwsSolutions checks over the whole app. {@code npx aws-cdk@2 deploy --all} runs it through {@code cdk.json}.
 *
 * {@snippet :
 * App app = new App();
 * QuantsInfraApp.wire(app, AppConfig.from(app.getNode()::tryGetContext, QuantsInfraApp.repositoryRoot()));
 * app.synth();
 * }
 */
public final class QuantsInfraApp {
    private QuantsInfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        wire(app, AppConfig.from(app.getNode()::tryGetContext, repositoryRoot()));
        app.synth();
    }

    /** The stacks of one app. */
    public record Stacks(NetworkStack network, DataStack data, InstancesStack instances, SiteStack site,
                         ControlPlaneStack controlPlane, ObservabilityStack observability, ConsoleStack console) {
    }

    /** Creates every stack in {@code app} from {@code config}, and the app-wide tags and checks. */
    public static Stacks wire(App app, AppConfig config) {
        return wire(app, config, ScheduledJob.standard(config), ControlPlaneStack.Rotation.standard(config));
    }

    /**
     * As {@link #wire(App, AppConfig)}, with the given scheduled jobs and rotation handler (each synthesized only
     * when its handler class is in its jar).
     */
    public static Stacks wire(App app, AppConfig config, List<ScheduledJob> jobs, ControlPlaneStack.Rotation rotation) {
        StackProps.Builder base = StackProps.builder();
        String account = config.account() != null ? config.account() : System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = config.region() != null ? config.region() : System.getenv("CDK_DEFAULT_REGION");
        if (account != null || region != null) {
            base.env(Environment.builder().account(account).region(region).build());
        }
        RemovalPolicy removal = config.removalPolicy() == AppConfig.DataRemoval.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        LogRetention retention = config.logRetention();

        NetworkStack network = new NetworkStack(app, "Network", new NetworkStack.Props(
                props(base, config, "Network", "VPC, subnets and security groups"), config.network(), retention, removal));
        DataStack data = new DataStack(app, "Data", new DataStack.Props(
                props(base, config, "Data", "state table, secrets key, monitor bucket, log groups"), retention, removal));
        InstancesStack instances = new InstancesStack(app, "Instances", new InstancesStack.Props(
                props(base, config, "Instances", "ECS cluster, task roles, collector file system"), network.vpc(),
                network.instanceSubnets(), network.instanceSecurityGroup(), List.copyOf(data.serviceLogGroups().values()),
                data.secretsKey(), data.monitorBucket(), removal, config.monitorAmpWorkspaceArn()));
        SiteStack site = new SiteStack(app, "Site", new SiteStack.Props(
                props(base, config, "Site", "runbooks and console on S3 and CloudFront"), config.site(),
                repositoryRoot().resolve("infra-cdk/site-placeholder"), retention, removal));
        ControlPlaneStack controlPlane = new ControlPlaneStack(app, "ControlPlane", new ControlPlaneStack.Props(
                props(base, config, "ControlPlane", "API Lambda, HTTP API, schedules"),
                new ControlPlaneStack.Platform(network.vpc(), network.instanceSubnets(), network.instanceSecurityGroup(),
                        network.controlPlaneSecurityGroup(), config.network().assignPublicIp(), instances.cluster().getClusterName(),
                        instances.roles().executionRole(), instances.roles().taskRole(),
                        instances.collectorFileSystem().fileSystem(), instances.collectorFileSystem().accessPoint(),
                        instances.roles().serviceTaskRoles()),
                new ControlPlaneStack.Data(data.table(), data.secretsKey(), data.monitorBucket()),
                new ControlPlaneStack.Runtime(LambdaArtifact.require(config.apiLambdaJar(), ControlPlaneStack.API_HANDLER),
                        config.lambdaMemoryMb(), config.logLevel(), config.apiThrottleRateLimit(), config.apiThrottleBurstLimit(),
                        List.of(site.origin()), retention, removal, config.egressAllow(), config.monitorAmpWorkspaceArn()),
                jobs, rotation, config.alertEmailSender()));
        Map<String, IFunction> functions = controlPlane.functions().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().function(), (a, b) -> a, java.util.LinkedHashMap::new));
        ObservabilityStack observability = new ObservabilityStack(app, "Observability", new ObservabilityStack.Props(
                props(base, config, "Observability", "alarms and dashboard"), functions, controlPlane.httpApi().api().getApiId(),
                controlPlane.alertEvaluator().map(f -> (IFunction) f.function()).orElse(null), config.alarmEmail()));

        ConsoleStack console = new ConsoleStack(app, "Console", new ConsoleStack.Props(
                props(base, config, "Console", "ops console sign-in (Cognito) and its config"), "quants-infra-" + config.environmentName(),
                site.site(), controlPlane.httpApi(), ConsoleRoutes.read(repositoryRoot().resolve(ConsoleRoutes.FILE)),
                retention, removal));

        Tags.of(app).add("project", "quants-infra");
        Tags.of(app).add("environment", config.environmentName());
        Tags.of(app).add(SharedNames.managedTag().getKey(), SharedNames.managedTag().getValue());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        return new Stacks(network, data, instances, site, controlPlane, observability, console);
    }

    private static StackProps props(StackProps.Builder base, AppConfig config, String part, String description) {
        StackProps b = base.build();
        return StackProps.builder().env(b.getEnv()).stackName(config.stackName(part))
                .description("quants-infra " + config.environmentName() + ": " + description).build();
    }

    /**
     * The repository root: the parent of {@code infra-cdk/}, where {@code cdk.json} is and where both the CDK CLI
     * and Maven run the app from (a run from the root itself is accepted too).
     */
    public static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("cdk.json")) && cwd.getFileName().toString().equals("infra-cdk")) {
            return cwd.getParent();
        }
        if (Files.isRegularFile(cwd.resolve("infra-cdk/cdk.json"))) {
            return cwd;
        }
        throw new QuantsInfraCdkException("run the CDK app from infra-cdk/ (where cdk.json is), not from " + cwd);
    }
}
