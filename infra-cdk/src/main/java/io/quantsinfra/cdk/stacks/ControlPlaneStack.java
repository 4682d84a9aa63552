package io.quantsinfra.cdk.stacks;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cdk.constructs.ControlPlanePolicy;
import io.quantsinfra.cdk.constructs.ControlPlanePolicy.Capability;
import io.quantsinfra.cdk.constructs.IamHttpApi;
import io.quantsinfra.cdk.constructs.LambdaArtifact;
import io.quantsinfra.cdk.constructs.RotationFunction;
import io.quantsinfra.cdk.constructs.ScheduledFunction;
import io.quantsinfra.cdk.constructs.SnapStartFunction;
import io.quantsinfra.cdk.shared.LambdaEnvironment;
import io.quantsinfra.cdk.shared.SharedNames;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.efs.IAccessPoint;
import software.amazon.awscdk.services.efs.IFileSystem;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import io.quantsinfra.cdk.config.LogRetention;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.constructs.Construct;

/**
 * The control plane: the API Lambda (SnapStart, behind its {@code live} alias) and its HTTP API with IAM
 * authorization; the scheduled jobs and the rotation function whose handlers exist; the SES identity alerts are
 * sent from. The Lambdas' environment is exactly the variables {@code functions/} reads.
 */
public final class ControlPlaneStack extends Stack {
    /** The API Lambda's handler (functions/api). */
    public static final String API_HANDLER = "io.quantsinfra.api.ApiHandler::handleRequest";

    private final SnapStartFunction api;
    private final IamHttpApi httpApi;
    private final Map<String, SnapStartFunction> functions = new LinkedHashMap<>();
    private SnapStartFunction alertEvaluator;

    /** Where the instances are: what the control plane needs from the network and instances stacks. */
    public record Platform(IVpc vpc, SubnetSelection instanceSubnets, ISecurityGroup instanceSecurityGroup,
                           ISecurityGroup controlPlaneSecurityGroup, boolean assignPublicIp, String cluster,
                           IRole executionRole, IRole taskRole, IFileSystem collectorFileSystem,
                           IAccessPoint collectorAccessPoint, Map<String, ? extends IRole> serviceTaskRoles) {
    }

    /** The stored data the control plane reads and writes. */
    public record Data(ITable table, IKey secretsKey, IBucket monitorBucket) {
    }

    /** How the Lambdas and the API run. */
    public record Runtime(LambdaArtifact apiArtifact, int memoryMb, String logLevel, int throttleRate, int throttleBurst,
                          List<String> corsOrigins, LogRetention logRetention, RemovalPolicy removal, List<String> egressAllow,
                          String monitorRemoteWrite) {
    }

    /**
     * The Secrets Manager rotation handler for generated secrets.
     *
     * @param handler {@code package.Class::method}
     * @param jar the jar expected to hold it
     */
    public record Rotation(String handler, java.nio.file.Path jar) {
        /** Construct id of the rotation function. */
        public static final String ID = "SecretRotation";

        /** The rotation handler, which ships in the API's Lambda jar. */
        public static Rotation standard(io.quantsinfra.cdk.config.AppConfig config) {
            return new Rotation(ScheduledJob.SECRET_ROTATION_HANDLER, config.apiLambdaJar());
        }
    }

    /**
     * @param stack the stack's own props
     * @param platform the network and instances it drives
     * @param data the stored data
     * @param runtime how the Lambdas and the API run
     * @param jobs scheduled jobs (synthesized when their handler exists)
     * @param rotation the secrets rotation handler (synthesized when it exists), or {@code null}
     * @param alertEmailSender SES identity for alert e-mail, or {@code null}
     */
    public record Props(StackProps stack, Platform platform, Data data, Runtime runtime, List<ScheduledJob> jobs,
                        Rotation rotation, String alertEmailSender) {
    }

    /** What every control-plane Lambda of this stack shares: environment, placement, policy resources, runtime. */
    private record Common(Map<String, String> env, SnapStartFunction.VpcPlacement placement,
                          ControlPlanePolicy.Resources resources, Runtime runtime) {
        SnapStartFunction.Props function(LambdaArtifact artifact, String description, Duration timeout) {
            return new SnapStartFunction.Props(artifact, description, runtime.memoryMb(), timeout, env, placement,
                    runtime.logRetention(), runtime.removal());
        }
    }

    public ControlPlaneStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        Platform p = props.platform();
        SnapStartFunction.VpcPlacement placement = p.controlPlaneSecurityGroup() == null ? null
                : new SnapStartFunction.VpcPlacement(p.vpc(), p.instanceSubnets(), List.of(p.controlPlaneSecurityGroup()));
        ControlPlanePolicy.Resources resources = new ControlPlanePolicy.Resources(SharedNames.cluster(),
                SharedNames.managedTag(), passRoles(p), SharedNames.logGroupPrefix(),
                props.data().table(), SharedNames.secretPrefix(), props.data().secretsKey(), props.data().monitorBucket(),
                DataStack.MONITOR_PREFIX, SharedNames.METRICS_NAMESPACE);
        Common common = new Common(environment(props, getStackName()), placement, resources, props.runtime());
        Runtime rt = props.runtime();

        api = new SnapStartFunction(this, "Api", common.function(rt.apiArtifact(),
                "quants-infra API (deploy, status, logs, scale, secrets, scrape targets)", Duration.seconds(30)));
        functions.put("Api", api);
        new ControlPlanePolicy(this, "ApiPolicy", new ControlPlanePolicy.Props(api.role(), resources,
                // POST /v1/alerts/evaluate runs an evaluation cycle in the API too (METRICS_READ); /health self-checks.
                EnumSet.of(Capability.ECS_READ, Capability.ECS_WRITE, Capability.SERVICE_LOGS, Capability.STATE,
                        Capability.SELF_CHECK, Capability.SECRETS_READ, Capability.SECRETS_WRITE, Capability.MONITOR_CONFIG,
                        Capability.METRICS, Capability.METRICS_READ,
                        // Jobs: publish writes a batch of items in a transaction; cancel of a running job stops its task.
                        Capability.JOB_STATE, Capability.JOBS_STOP)));
        httpApi = new IamHttpApi(this, "HttpApi", new IamHttpApi.Props("quants-infra", api.alias(), rt.throttleRate(),
                rt.throttleBurst(), rt.corsOrigins(), rt.logRetention(), rt.removal()));

        EmailIdentity sender = props.alertEmailSender() == null ? null
                : EmailIdentity.Builder.create(this, "AlertSender").identity(Identity.email(props.alertEmailSender())).build();
        if (sender != null) {
            // POST /v1/alerts/evaluate notifies too, e-mail receivers included.
            api.role().addToPrincipalPolicy(sendAlertEmail(sender, props.alertEmailSender()));
        }
        props.jobs().forEach(job -> addJob(job, common, sender, props.alertEmailSender()));
        props.jobs().stream().filter(ScheduledJob::isJobDispatch).findFirst().ifPresent(d -> addJobQueue(d, common));
        if (props.rotation() != null) {
            addRotation(props.rotation(), common);
        }

        CfnOutput.Builder.create(this, "ApiEndpoint").value(httpApi.api().getApiEndpoint())
                .description("QUANTS_INFRA_ENDPOINT for the CLI (requests are SigV4-signed)").build();
        CfnOutput.Builder.create(this, "ApiFunctionName").value(api.function().getFunctionName()).build();
    }

    /** A scheduled job, when its handler exists; the alert evaluator may also send e-mail from the alert sender. */
    private void addJob(ScheduledJob job, Common common, EmailIdentity sender, String senderAddress) {
        if (!LambdaArtifact.has(job.jar(), job.handler())) {
            Annotations.of(this).addInfo(job.id() + " is not synthesized: " + job.handler() + " is not in " + job.jar() + " yet");
            return;
        }
        ScheduledFunction scheduled = new ScheduledFunction(this, job.id(), new ScheduledFunction.Props(
                common.function(new LambdaArtifact(job.jar(), job.handler()), job.description(), Duration.seconds(60)),
                job.rate(), job.input()));
        new ControlPlanePolicy(this, job.id() + "Policy", new ControlPlanePolicy.Props(scheduled.function().role(),
                common.resources(), job.capabilities()));
        functions.put(job.id(), scheduled.function());
        if (job.isAlertEvaluation()) {
            alertEvaluator = scheduled.function();
            if (sender != null) {
                scheduled.function().role().addToPrincipalPolicy(sendAlertEmail(sender, senderAddress));
            }
        }
    }

    /**
     * The job queue's other half, once the dispatcher exists: the dispatcher gets its fixed name (the API invokes it
     * by that name right after a publish, {@code QUANTS_INFRA_JOBS_DISPATCHER}), the API may invoke exactly it, and
     * the ECS events function (same jar) gets its rule on the cluster's job tasks.
     */
    private void addJobQueue(ScheduledJob dispatch, Common common) {
        SnapStartFunction dispatcher = functions.get(dispatch.id());
        if (dispatcher == null) {
            return;
        }
        ((software.amazon.awscdk.services.lambda.CfnFunction) dispatcher.function().getNode().getDefaultChild())
                .setFunctionName(jobDispatcherName(getStackName()));
        api.role().addToPrincipalPolicy(PolicyStatement.Builder.create().sid("InvokeJobDispatcher")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(dispatcher.function().getFunctionArn(), dispatcher.alias().getFunctionArn()))
                .build());
        // A dispatcher given a stand-in handler (the CDK tests' variant app) gives the events function the same one.
        String eventsHandler = LambdaArtifact.has(dispatch.jar(), ScheduledJob.JOB_EVENTS_HANDLER) ? ScheduledJob.JOB_EVENTS_HANDLER
                : dispatch.handler().equals(ScheduledJob.JOB_DISPATCH_HANDLER) ? null : dispatch.handler();
        if (eventsHandler == null) {
            Annotations.of(this).addInfo(JOB_EVENTS + " is not synthesized: " + ScheduledJob.JOB_EVENTS_HANDLER + " is not in "
                    + dispatch.jar() + " yet");
            return;
        }
        io.quantsinfra.cdk.constructs.TaskEventFunction events = new io.quantsinfra.cdk.constructs.TaskEventFunction(this,
                JOB_EVENTS, new io.quantsinfra.cdk.constructs.TaskEventFunction.Props(common.function(
                        new LambdaArtifact(dispatch.jar(), eventsHandler),
                        "quants-infra job events (ECS task state changes of job tasks)", Duration.seconds(60)),
                        io.quantsinfra.cdk.constructs.Arns.ecsCluster(common.resources().cluster()), JOB_STARTED_BY_PREFIX,
                        List.of("RUNNING", "STOPPED")));
        new ControlPlanePolicy(this, JOB_EVENTS + "Policy", new ControlPlanePolicy.Props(events.function().role(),
                common.resources(), EnumSet.of(Capability.STATE, Capability.JOB_STATE)));
        functions.put(JOB_EVENTS, events.function());
    }

    /** Construct id of the ECS job events function. */
    public static final String JOB_EVENTS = "JobEvents";
    /** RunTask's {@code startedBy} of every job attempt starts with it ({@code Attempt.startedBy}). */
    public static final String JOB_STARTED_BY_PREFIX = io.quantsinfra.core.job.Attempt.startedBy("x", 1)
            .substring(0, io.quantsinfra.core.job.Attempt.startedBy("x", 1).indexOf('/') + 1);

    /** The dispatcher Lambda's physical name: this stack's name and {@code -job-dispatch} (at most 64 characters). */
    public String jobDispatcherName() {
        return jobDispatcherName(getStackName());
    }

    private static String jobDispatcherName(String stackName) {
        String name = stackName + "-job-dispatch";
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }

    /** SES sending, only from the alert sender's identity and address. */
    private static PolicyStatement sendAlertEmail(EmailIdentity sender, String senderAddress) {
        return PolicyStatement.Builder.create().sid("SendAlertEmail")
                .actions(List.of("ses:SendEmail", "ses:SendRawEmail"))
                .resources(List.of(sender.getEmailIdentityArn()))
                .conditions(Map.of("StringEquals", Map.of("ses:FromAddress", senderAddress)))
                .build();
    }

    /** The rotation function, when its handler exists. */
    private void addRotation(Rotation rotation, Common common) {
        if (!LambdaArtifact.has(rotation.jar(), rotation.handler())) {
            Annotations.of(this).addInfo(Rotation.ID + " is not synthesized: " + rotation.handler() + " is not in "
                    + rotation.jar() + " yet");
            return;
        }
        RotationFunction rf = new RotationFunction(this, Rotation.ID, common.function(
                new LambdaArtifact(rotation.jar(), rotation.handler()), "quants-infra rotation of generated secrets",
                Duration.seconds(60)));
        new ControlPlanePolicy(this, Rotation.ID + "Policy", new ControlPlanePolicy.Props(rf.function().role(),
                // finishSecret gives the instances reading the secret a new deployment and records it in the history.
                common.resources(), EnumSet.of(Capability.SECRETS_READ, Capability.SECRETS_WRITE, Capability.ECS_READ,
                        Capability.ECS_REDEPLOY, Capability.STATE)));
        functions.put(Rotation.ID, rf.function());
    }

    /** The execution role and the shared task role first ({@code Resources.jobPassRoles}), then each service type's. */
    private static List<IRole> passRoles(Platform p) {
        List<IRole> roles = new java.util.ArrayList<>(List.of(p.executionRole(), p.taskRole()));
        roles.addAll(p.serviceTaskRoles().values());
        return roles;
    }

    /** The variables {@code functions/} reads, with this deployment's values ({@code AwsSettings} names). */
    private static Map<String, String> environment(Props props, String stackName) {
        Platform p = props.platform();
        Data d = props.data();
        // subnet-id=availability-zone pairs: functions/ places instances without calling EC2.
        List<String> subnetZones = p.vpc().selectSubnets(p.instanceSubnets()).getSubnets().stream()
                .map(s -> s.getSubnetId() + "=" + s.getAvailabilityZone()).toList();
        LambdaEnvironment.Builder env = LambdaEnvironment.builder()
                .put(AwsSettings.CLUSTER, p.cluster())
                .put(AwsSettings.SUBNETS, String.join(",", subnetZones))
                .put(AwsSettings.SECURITY_GROUPS, p.instanceSecurityGroup().getSecurityGroupId())
                .put(AwsSettings.ASSIGN_PUBLIC_IP, Boolean.toString(p.assignPublicIp()))
                // Without NAT the Lambdas run outside the VPC and cannot reach tasks: health comes from ECS alone.
                .put(AwsSettings.HEALTH_PROBE, Boolean.toString(!p.assignPublicIp()))
                .put(AwsSettings.TABLE, d.table().getTableName())
                .put(AwsSettings.LOG_GROUP_PREFIX, SharedNames.logGroupPrefix())
                .put(AwsSettings.EXECUTION_ROLE_ARN, p.executionRole().getRoleArn())
                .put(AwsSettings.TASK_ROLE_ARN, p.taskRole().getRoleArn())
                // Each service type's own task role (the monitor's may read CloudWatch; bots and collectors may not).
                .put(AwsSettings.SERVICE_TASK_ROLE_ARNS, String.join(",", p.serviceTaskRoles().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().getRoleArn()).toList()))
                .put(AwsSettings.SECRET_PREFIX, SharedNames.secretPrefix())
                .put(AwsSettings.KMS_KEY_ID, d.secretsKey().getKeyArn())
                .put(AwsSettings.MONITOR_BUCKET, d.monitorBucket().getBucketName())
                .put(AwsSettings.AWS_RETRIES, Integer.toString(SharedNames.awsRetries()))
                // Job attempts running at once (functions/' default); the dispatcher starts no more while this many run.
                .put(AwsSettings.JOBS_CONCURRENCY, Integer.toString(SharedNames.jobsConcurrency()))
                // The control plane's own metrics (namespace QuantsInfra, the only one PutMetricData is allowed in).
                .put(AwsSettings.METRICS, "true")
                // Notifications never go to the VPC's own addresses (a webhook at the monitor's lifecycle API, say).
                .put(AwsSettings.VPC_CIDRS, p.vpc().getVpcCidrBlock())
                .put(LambdaEnvironment.LOG_LEVEL, props.runtime().logLevel());
        if (props.runtime().monitorRemoteWrite() != null) {
            // The monitor's prometheus.yml gets a remote_write to this AMP workspace (the task role may write there).
            env.put(AwsSettings.MONITOR_REMOTE_WRITE, props.runtime().monitorRemoteWrite());
        }
        if (!props.runtime().corsOrigins().isEmpty()) {
            // The docs site is the one origin allowed by CORS; alert runbook links point under it.
            env.put(AwsSettings.DOCS_URL, props.runtime().corsOrigins().getFirst());
        }
        if (props.jobs().stream().anyMatch(j -> j.isJobDispatch() && LambdaArtifact.has(j.jar(), j.handler()))) {
            // The API invokes the dispatcher right after a publish, by its fixed name (no reference: no cycle).
            env.put(AwsSettings.JOBS_DISPATCHER, jobDispatcherName(stackName) + ":" + SnapStartFunction.ALIAS);
        }
        if (!props.runtime().egressAllow().isEmpty()) {
            env.put(AwsSettings.EGRESS_ALLOW, String.join(",", props.runtime().egressAllow()));
        }
        if (p.collectorFileSystem() != null) {
            env.put(AwsSettings.COLLECTOR_FILE_SYSTEM_ID, p.collectorFileSystem().getFileSystemId())
                    .put(AwsSettings.COLLECTOR_ACCESS_POINT_ID, p.collectorAccessPoint().getAccessPointId());
        }
        return env.build();
    }

    public SnapStartFunction api() {
        return api;
    }

    public IamHttpApi httpApi() {
        return httpApi;
    }

    /** Every Lambda of the control plane, by construct id. */
    public Map<String, SnapStartFunction> functions() {
        return java.util.Collections.unmodifiableMap(functions);
    }

    /** The alert evaluator, once its handler exists. */
    public Optional<SnapStartFunction> alertEvaluator() {
        return Optional.ofNullable(alertEvaluator);
    }
}
