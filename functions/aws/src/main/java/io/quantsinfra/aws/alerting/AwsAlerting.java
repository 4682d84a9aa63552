package io.quantsinfra.aws.alerting;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.cloudwatch.CloudWatchMetricSource;
import io.quantsinfra.aws.dynamodb.DynamoDbAlertStore;
import io.quantsinfra.aws.dynamodb.DynamoDbEndpointStats;
import io.quantsinfra.aws.dynamodb.DynamoDbLease;
import io.quantsinfra.aws.dynamodb.DynamoDbNotificationLog;
import io.quantsinfra.aws.dynamodb.DynamoDbRoutingConfigStore;
import io.quantsinfra.aws.dynamodb.DynamoDbRuleStore;
import io.quantsinfra.aws.dynamodb.DynamoDbSilenceStore;
import io.quantsinfra.aws.prometheus.MonitorPrometheus;
import io.quantsinfra.aws.secretsmanager.SecretsManagerValues;
import io.quantsinfra.aws.ses.SesEmail;
import io.quantsinfra.core.alerting.Alerting;
import java.time.Clock;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The alerting system over DynamoDB (the state table), CloudWatch, Secrets Manager and SES.
 *
 * {@snippet :
 * Alerting alerting = AwsAlerting.create(clients, Clock.systemUTC(), log::info);
 * }
 */
public final class AwsAlerting {
    private AwsAlerting() {}

    /** The ports over AWS; {@code metrics} is also where the health probe publishes. */
    public static Alerting.Ports ports(AwsClients clients) {
        AwsSettings s = clients.settings();
        DynamoDbClient dynamo = clients.dynamoDb();
        DynamoDbLease lease = new DynamoDbLease(dynamo, s.table());
        return new Alerting.Ports(new DynamoDbRuleStore(dynamo, s.table()), new DynamoDbAlertStore(dynamo, s.table()), lease,
                new CloudWatchMetricSource(clients.cloudWatch()), new DynamoDbRoutingConfigStore(dynamo, s.table()),
                new DynamoDbSilenceStore(dynamo, s.table()), new DynamoDbNotificationLog(dynamo, s.table()),
                new DynamoDbEndpointStats(dynamo, s.table()), new SecretsManagerValues(clients.secretsManager(), s.secretPrefix()),
                new SesEmail(clients.ses()), lease);
    }

    public static Alerting create(AwsClients clients, Clock clock, Consumer<String> logger) {
        return Alerting.create(ports(clients), options(clients, clock).withLogger(logger));
    }

    /**
     * The defaults with the outbound guard the settings describe ({@code QUANTS_INFRA_EGRESS_ALLOW},
     * {@code QUANTS_INFRA_VPC_CIDRS}) and the monitor's Prometheus for the rules only it can evaluate
     * ({@link MonitorPrometheus}). Both evaluators — the scheduled one and {@code POST /v1/alerts/evaluate} — get them here.
     */
    public static Alerting.Options options(AwsClients clients, Clock clock) {
        return Alerting.Options.defaults(clock, clients.settings().docsUrl()).withEgress(clients.settings().egressGuard())
                .withPrometheus(MonitorPrometheus.query(clients));
    }
}
