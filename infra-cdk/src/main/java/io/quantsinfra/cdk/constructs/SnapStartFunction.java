package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import io.quantsinfra.cdk.shared.LambdaEnvironment;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import io.quantsinfra.cdk.config.LogRetention;
import software.constructs.Construct;

/**
 * A Java Lambda on the {@code java25} runtime (arm64) with SnapStart on published versions, served through the
 * alias {@code live} (SnapStart only applies to published versions, so callers must use the alias). It has its
 * own role (no managed policies), its own log group with a retention, and an environment drawn only from
 * {@link LambdaEnvironment#ALLOWED}.
 *
 * {@snippet :
 * SnapStartFunction api = new SnapStartFunction(this, "Api", new SnapStartFunction.Props(
 *         LambdaArtifact.require(jar, "io.quantsinfra.api.ApiHandler::handleRequest"), "quants-infra API",
 *         1024, Duration.seconds(30), env, placement, LogRetention.ofDays(30), RemovalPolicy.RETAIN));
 * }
 */
public final class SnapStartFunction extends Construct {
    /** The alias every caller (API Gateway, EventBridge, Secrets Manager) invokes. */
    public static final String ALIAS = "live";

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;

    /**
     * @param artifact the jar and handler
     * @param description what the function does
     * @param memoryMb memory (512..10240)
     * @param timeout timeout (1 s..15 min)
     * @param environment variables, each in {@link LambdaEnvironment#ALLOWED}
     * @param placement where in the VPC the function runs, or {@code null} outside any VPC
     * @param logRetention retention of the function's log group
     * @param removal what {@code cdk destroy} does to the log group
     */
    public record Props(LambdaArtifact artifact, String description, int memoryMb, Duration timeout,
                        Map<String, String> environment, VpcPlacement placement, LogRetention logRetention,
                        RemovalPolicy removal) {
        public Props {
            if (memoryMb < 512 || memoryMb > 10_240) {
                throw new QuantsInfraCdkException("a Java Lambda needs 512 to 10240 MB, got " + memoryMb);
            }
            if (timeout.toSeconds().intValue() < 1 || timeout.toSeconds().intValue() > 900) {
                throw new QuantsInfraCdkException("a Lambda timeout is 1 s to 15 min, got " + timeout.toSeconds() + " s");
            }
            LambdaEnvironment.Builder checked = LambdaEnvironment.builder();
            environment.forEach(checked::put);
            environment = checked.build();
        }
    }

    /** A function's place in a VPC: its subnets and security groups. */
    public record VpcPlacement(IVpc vpc, SubnetSelection subnets, List<ISecurityGroup> securityGroups) {
        public VpcPlacement {
            if (securityGroups.isEmpty()) {
                throw new QuantsInfraCdkException("a function in a VPC needs a security group");
            }
            securityGroups = List.copyOf(securityGroups);
        }
    }

    public SnapStartFunction(Construct scope, String id, Props props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs").retention(props.logRetention().retentionDays()).removalPolicy(props.removal()).build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(props.description() + " (Lambda execution role)")
                .build();
        logGroup.grantWrite(role);
        Function.Builder fn = Function.Builder.create(this, "Function")
                .description(props.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(props.artifact().handler())
                .code(Code.fromAsset(props.artifact().jar().toString()))
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(props.environment())
                .role(role)
                .logGroup(logGroup);
        if (props.placement() != null) {
            fn.vpc(props.placement().vpc()).vpcSubnets(props.placement().subnets())
                    .securityGroups(props.placement().securityGroups());
            // What AWSLambdaVPCAccessExecutionRole grants, inline: Lambda manages the function's ENIs with the
            // function's role. EC2 has no resource-level permission for DescribeNetworkInterfaces, and the
            // interfaces do not exist before Lambda creates them.
            PolicyStatement eni = PolicyStatement.Builder.create()
                    .sid("LambdaVpcNetworkInterfaces")
                    .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))
                    .resources(List.of("*"))
                    .build();
            role.addToPrincipalPolicy(eni);
        }
        function = fn.build();
        // SnapStart applies to published versions only; every caller goes through the alias of the current version.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Callers invoke the alias '" + ALIAS + "' of the published current version.");
        if (props.placement() != null) {
            Nag.acknowledge(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5", "Lambda creates and deletes the "
                    + "function's network interfaces with the function's role; the interfaces do not exist before that, and "
                    + "ec2:DescribeNetworkInterfaces has no resource-level permission (what AWSLambdaVPCAccessExecutionRole "
                    + "grants, written inline).", "Resource::*");
        }
        alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
    }

    public Function function() {
        return function;
    }

    /** The alias {@code live}: the published, SnapStart-enabled version callers invoke. */
    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
