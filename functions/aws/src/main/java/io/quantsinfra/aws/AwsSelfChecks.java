package io.quantsinfra.aws;

import io.quantsinfra.core.selfcheck.ControlPlaneHealth;
import java.util.List;

/**
 * The control plane's dependency checks, one cheap read each: the state table (DescribeTable; critical), the
 * ECS cluster (DescribeClusters), Secrets Manager (ListSecrets, one result) and CloudWatch (ListMetrics in the
 * QuantsInfra namespace, one page).
 */
public final class AwsSelfChecks {
    private AwsSelfChecks() {}

    public static List<ControlPlaneHealth.Check> checks(AwsClients clients) {
        AwsSettings s = clients.settings();
        var dynamo = clients.dynamoDb();
        var ecs = clients.ecs();
        var sm = clients.secretsManager();
        var cw = clients.cloudWatch();
        return List.of(
                new ControlPlaneHealth.Check("dynamodb", true, () -> AwsErrors.call("describe table " + s.table(),
                        () -> "table " + s.table() + " " + dynamo.describeTable(r -> r.tableName(s.table())).table().tableStatusAsString())),
                new ControlPlaneHealth.Check("ecs", false, () -> AwsErrors.call("describe cluster " + s.cluster(), () -> {
                    var c = ecs.describeClusters(r -> r.clusters(s.cluster())).clusters();
                    if (c.isEmpty()) {
                        throw new IllegalStateException("cluster " + s.cluster() + " not found");
                    }
                    return "cluster " + s.cluster() + " " + c.getFirst().status();
                })),
                new ControlPlaneHealth.Check("secretsmanager", false, () -> AwsErrors.call("list secrets",
                        () -> "reachable (" + sm.listSecrets(r -> r.maxResults(1)).secretList().size() + " listed)")),
                new ControlPlaneHealth.Check("cloudwatch", false, () -> AwsErrors.call("list metrics",
                        () -> "reachable (" + cw.listMetrics(r -> r.namespace("QuantsInfra")).metrics().size() + " QuantsInfra series)")));
    }
}
