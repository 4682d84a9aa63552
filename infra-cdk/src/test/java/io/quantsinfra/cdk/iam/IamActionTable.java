package io.quantsinfra.cdk.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SDK operation → IAM action, resource ARNs and condition keys, one row per operation (Service Authorization
 * Reference). Calls were recorded in local mode, so ARNs are built in its account ({@value #ACCOUNT}, {@value #REGION}).
 * A new call (RunTask, StopTask, EFS access points ...) fails the check with "no IAM mapping" until it has a row
 * here: {@code row("Ecs", "RunTask", c -> one(c, "ecs:RunTask", taskDefinition(c), Map.of(...)))}.
 */
final class IamActionTable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    /** What the app configures that the tests name differently (the SES sender); null when not configured. */
    record Deployment(String alertEmailSender) {
    }

    private final Map<String, Function<RecordedCall, List<Required>>> rows = new LinkedHashMap<>();
    private final Deployment deployment;

    IamActionTable(Deployment deployment) {
        this.deployment = deployment;
        ecs();
        dynamoDb();
        secretsManager();
        cloudWatch();
        logsAndS3();
        ses();
    }

    /** What {@code call} requires; an AssertionError when the table has no row for it. */
    List<Required> required(RecordedCall call) {
        Function<RecordedCall, List<Required>> row = rows.get(call.key());
        if (row == null) {
            throw new AssertionError("no IAM mapping for " + call.key() + " (" + call + "): add a row to IamActionTable");
        }
        return row.apply(call);
    }

    private void row(String service, String operation, Function<RecordedCall, List<Required>> row) {
        rows.put(service + ":" + operation, row);
    }

    private void ecs() {
        row("Ecs", "ListServices", c -> one(c, "ecs:ListServices", List.of(), Map.of("ecs:cluster", List.of(cluster(c)))));
        row("Ecs", "ListTasks", c -> one(c, "ecs:ListTasks", List.of(), Map.of("ecs:cluster", List.of(cluster(c)))));
        row("Ecs", "DescribeClusters", c -> one(c, "ecs:DescribeClusters",
                c.all("clusters").stream().map(IamActionTable::clusterArn).toList(), Map.of()));
        row("Ecs", "DescribeServices", c -> one(c, "ecs:DescribeServices", services(c, "services"), clusterContext(c)));
        row("Ecs", "DescribeTasks", c -> one(c, "ecs:DescribeTasks", c.all("tasks").stream()
                .map(t -> t.startsWith("arn:") ? t : arn("ecs", "task/" + clusterName(c) + "/" + t)).toList(), clusterContext(c)));
        row("Ecs", "ListTaskDefinitions", c -> one(c, "ecs:ListTaskDefinitions", List.of(), Map.of()));
        row("Ecs", "DescribeTaskDefinition", c -> one(c, "ecs:DescribeTaskDefinition", List.of(), Map.of()));
        row("Ecs", "DeregisterTaskDefinition", c -> one(c, "ecs:DeregisterTaskDefinition", List.of(), Map.of()));
        row("Ecs", "RegisterTaskDefinition", IamActionTable::registerTaskDefinition);
        row("Ecs", "CreateService", c -> {
            List<Required> r = new ArrayList<>(one(c, "ecs:CreateService", services(c, "serviceName"), with(requestTags(c), clusterContext(c))));
            if (!c.all("tags").isEmpty()) {   // tagging on create is authorized as ecs:TagResource too
                r.add(new Required("ecs:TagResource", services(c, "serviceName"), with(requestTags(c),
                        Map.of("ecs:CreateAction", List.of("CreateService"))), c.key() + " with tags"));
            }
            return r;
        });
        row("Ecs", "UpdateService", c -> one(c, "ecs:UpdateService", services(c, "service"), clusterContext(c)));
        row("Ecs", "DeleteService", c -> one(c, "ecs:DeleteService", services(c, "service"), clusterContext(c)));
        row("Ecs", "TagResource", c -> one(c, "ecs:TagResource", c.all("resourceArn"), requestTags(c)));
        // Jobs: RunTask of a job-* task definition in the cluster (tagging the new task is ecs:TagResource too),
        // StopTask of a job's task.
        row("Ecs", "RunTask", c -> {
            List<Required> r = new ArrayList<>(one(c, "ecs:RunTask", List.of(taskDefinition(c.first("taskDefinition"))),
                    with(requestTags(c), clusterContext(c))));
            if (!c.all("tags").isEmpty()) {
                r.add(new Required("ecs:TagResource", List.of(arn("ecs", "task/" + clusterName(c) + "/0123456789abcdef0123456789abcdef")),
                        with(requestTags(c), Map.of("ecs:CreateAction", List.of("RunTask"))), c.key() + " with tags"));
            }
            return r;
        });
        row("Ecs", "StopTask", c -> one(c, "ecs:StopTask", c.all("task").stream()
                .map(t -> t.startsWith("arn:") ? t : arn("ecs", "task/" + clusterName(c) + "/" + t)).toList(), clusterContext(c)));
    }

    /** A task definition's ARN from a family, {@code family:revision} or an ARN (revision 1 when none is given). */
    private static String taskDefinition(String given) {
        if (given.startsWith("arn:")) {
            return given;
        }
        return arn("ecs", "task-definition/" + (given.contains(":") ? given : given + ":1"));
    }

    private static List<Required> registerTaskDefinition(RecordedCall c) {
        List<Required> r = new ArrayList<>(one(c, "ecs:RegisterTaskDefinition", List.of(), requestTags(c)));
        if (!c.all("tags").isEmpty()) {
            r.add(new Required("ecs:TagResource", List.of(arn("ecs", "task-definition/" + c.first("family") + ":1")),
                    with(requestTags(c), Map.of("ecs:CreateAction", List.of("RegisterTaskDefinition"))), c.key() + " with tags"));
        }
        List<String> roles = new ArrayList<>(c.all("executionRoleArn"));
        roles.addAll(c.all("taskRoleArn"));
        if (!roles.isEmpty()) {       // naming roles in a task definition passes them to ECS tasks
            r.add(new Required("iam:PassRole", roles, Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com")),
                    c.key() + " naming roles"));
        }
        return r;
    }

    private void dynamoDb() {
        for (String op : List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "DescribeTable",
                "BatchGetItem", "BatchWriteItem", "ConditionCheckItem")) {
            row("DynamoDb", op, c -> one(c, "dynamodb:" + op, c.all("TableName").stream().map(IamActionTable::table).toList(), Map.of()));
        }
        Map<String, String> transact = Map.of("Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem",
                "ConditionCheck", "ConditionCheckItem");
        row("DynamoDb", "TransactWriteItems", c -> c.all("transact").stream().map(t -> t.split(":", 2))
                .map(t -> new Required("dynamodb:" + transact.get(t[0]), List.of(table(t[1])), Map.of(), c.key())).toList());
    }

    private void secretsManager() {
        for (String op : List.of("GetSecretValue", "DescribeSecret", "PutSecretValue", "UpdateSecretVersionStage",
                "DeleteSecret", "RestoreSecret", "TagResource", "RotateSecret")) {
            row("SecretsManager", op, c -> one(c, "secretsmanager:" + op, List.of(secret(c.first("SecretId"))), requestTags(c)));
        }
        row("SecretsManager", "CreateSecret", c -> {
            List<Required> r = new ArrayList<>(one(c, "secretsmanager:CreateSecret", List.of(secret(c.first("Name"))), requestTags(c)));
            if (!c.all("tags").isEmpty()) {
                r.add(new Required("secretsmanager:TagResource", List.of(secret(c.first("Name"))), requestTags(c), c.key() + " with tags"));
            }
            return r;
        });
        row("SecretsManager", "ListSecrets", c -> one(c, "secretsmanager:ListSecrets", List.of(), Map.of()));
    }

    private void cloudWatch() {
        row("CloudWatch", "PutMetricData", c -> one(c, "cloudwatch:PutMetricData", List.of(),
                Map.of("cloudwatch:namespace", c.all("Namespace"))));
        row("CloudWatch", "GetMetricData", c -> one(c, "cloudwatch:GetMetricData", List.of(), Map.of()));
        row("CloudWatch", "ListMetrics", c -> one(c, "cloudwatch:ListMetrics", List.of(), Map.of()));
    }

    private void logsAndS3() {
        for (String op : List.of("DescribeLogStreams", "GetLogEvents", "FilterLogEvents")) {
            row("CloudWatchLogs", op, c -> one(c, "logs:" + op, List.of(logGroup(c)), Map.of()));
        }
        row("S3", "GetObject", c -> one(c, "s3:GetObject", List.of(object(c)), Map.of()));
        row("S3", "HeadObject", c -> one(c, "s3:GetObject", List.of(object(c)), Map.of()));
        row("S3", "PutObject", c -> one(c, "s3:PutObject", List.of(object(c)), Map.of()));
        row("S3", "DeleteObject", c -> one(c, "s3:DeleteObject", List.of(object(c)), Map.of()));
        row("S3", "ListObjectsV2", c -> one(c, "s3:ListBucket", List.of("arn:aws:s3:::" + c.first("Bucket")), Map.of()));
        row("S3", "ListObjects", c -> one(c, "s3:ListBucket", List.of("arn:aws:s3:::" + c.first("Bucket")), Map.of()));
    }

    private void ses() {
        // The sender is configuration: the check asks whether the app's configured sender may send (the tests use their own).
        row("Ses", "SendEmail", c -> sendEmail(c, "ses:SendEmail"));
        row("Ses", "SendRawEmail", c -> sendEmail(c, "ses:SendRawEmail"));
        row("SesV2", "SendEmail", c -> sendEmail(c, "ses:SendEmail"));
    }

    private List<Required> sendEmail(RecordedCall c, String action) {
        if (deployment.alertEmailSender() == null) {
            return List.of(new Required(action, List.of(), Map.of(), PolicyEvaluator.NOT_CONFIGURED));
        }
        String sender = deployment.alertEmailSender();
        return one(c, action, List.of(arn("ses", "identity/" + sender)), Map.of("ses:FromAddress", List.of(sender)));
    }

    private static List<Required> one(RecordedCall c, String action, List<String> arns, Map<String, List<String>> context) {
        return List.of(new Required(action, arns, context, c.key()));
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private static String clusterName(RecordedCall c) {
        String cl = c.first("cluster") == null ? "default" : c.first("cluster");
        return cl.startsWith("arn:") ? cl.substring(cl.indexOf('/') + 1) : cl;
    }

    private static String cluster(RecordedCall c) {
        return clusterArn(clusterName(c));
    }

    private static String clusterArn(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : arn("ecs", "cluster/" + nameOrArn);
    }

    private static Map<String, List<String>> clusterContext(RecordedCall c) {
        return Map.of("ecs:cluster", List.of(cluster(c)));
    }

    private static List<String> services(RecordedCall c, String member) {
        return c.all(member).stream().map(s -> s.startsWith("arn:") ? s : arn("ecs", "service/" + clusterName(c) + "/" + s)).toList();
    }

    private static Map<String, List<String>> requestTags(RecordedCall c) {
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (String kv : c.all("tags")) {
            String[] p = kv.split("=", 2);
            ctx.put("aws:RequestTag/" + p[0], List.of(p.length > 1 ? p[1] : ""));
            keys.add(p[0]);
        }
        ctx.put("aws:TagKeys", keys);
        return ctx;
    }

    private static Map<String, List<String>> with(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static String table(String name) {
        return arn("dynamodb", "table/" + name);
    }

    /** A secret's ARN: as given, or the name with the random suffix Secrets Manager appends. */
    private static String secret(String idOrName) {
        return idOrName.startsWith("arn:") ? idOrName : arn("secretsmanager", "secret:" + idOrName + "-AbCdEf");
    }

    private static String logGroup(RecordedCall c) {
        String g = c.first("logGroupName") != null ? c.first("logGroupName") : c.first("logGroupIdentifier");
        return g.startsWith("arn:") ? g : arn("logs", "log-group:" + g);
    }

    private static String object(RecordedCall c) {
        return "arn:aws:s3:::" + c.first("Bucket") + "/" + c.first("Key");
    }
}
