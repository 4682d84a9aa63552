package io.quantsinfra.cdk.constructs;

import software.amazon.awscdk.Aws;

/**
 * ARN patterns built from the pseudo parameters ({@code AWS::Partition}, {@code AWS::Region},
 * {@code AWS::AccountId}), so a template reads the same whether or not the stack has an explicit environment
 * (and cdk-nag acknowledgements name the same strings).
 */
public final class Arns {
    private Arns() {
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
    public static String of(String service, String resource) {
        return "arn:" + Aws.PARTITION + ":" + service + ":" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    public static String ecsCluster(String cluster) {
        return of("ecs", "cluster/" + cluster);
    }

    /** Every ECS service in {@code cluster}. */
    public static String ecsServices(String cluster) {
        return of("ecs", "service/" + cluster + "/*");
    }

    /** Every ECS task in {@code cluster}. */
    public static String ecsTasks(String cluster) {
        return of("ecs", "task/" + cluster + "/*");
    }

    /** Every task definition revision of the account and region. */
    public static String ecsTaskDefinitions() {
        return of("ecs", "task-definition/*");
    }

    /** Every log group (and its streams) whose name starts with {@code prefix + "/"}. */
    public static String logGroups(String prefix) {
        return of("logs", "log-group:" + prefix + "/*");
    }

    /** Every secret whose name starts with {@code prefix} (the ARN adds a random suffix to the name). */
    public static String secrets(String prefix) {
        return of("secretsmanager", "secret:" + prefix + "*");
    }

    /** Nag's spelling of {@link #of}'s result, for acknowledgements ({@code Resource::...}). */
    public static String nagResource(String service, String resource) {
        return "Resource::arn:<AWS::Partition>:" + service + ":<AWS::Region>:<AWS::AccountId>:" + resource;
    }
}
