package io.quantsinfra.aws.monitor;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.dynamodb.DynamoDbRuleStore;
import io.quantsinfra.aws.dynamodb.DynamoDbScrapeTargetStore;
import io.quantsinfra.aws.ecs.EcsInstanceAddresses;
import io.quantsinfra.aws.s3.S3MonitorConfigPublisher;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.monitor.DiscoveredJobs;
import io.quantsinfra.core.monitor.MonitorFiles;
import io.quantsinfra.core.monitor.PrometheusConfig;
import io.quantsinfra.core.monitor.PublishingRuleStore;
import io.quantsinfra.core.monitor.RemoteWrite;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The monitor's files over AWS, as the API and the scheduled refresh build them.
 *
 * {@snippet :
 * MonitorFiles files = AwsMonitor.files(clients, clients.ecs(), new EcsPlatform(clients.ecs(), settings));
 * files.publish();
 * }
 */
public final class AwsMonitor {
    private AwsMonitor() {}

    /** Typed targets and rule files from the state table, discovered instances from ECS, published to the bucket. */
    public static MonitorFiles files(AwsClients clients, EcsClient ecs, ContainerPlatform platform) {
        var s = clients.settings();
        return new MonitorFiles(new DynamoDbScrapeTargetStore(clients.dynamoDb(), s.table()),
                new DynamoDbRuleStore(clients.dynamoDb(), s.table()),
                new EcsInstanceAddresses(ecs, s.cluster(), platform,
                        DiscoveredJobs.STANDARD.stream().map(DiscoveredJobs::service).toList()),
                new S3MonitorConfigPublisher(clients::s3, s.monitorBucket()), PrometheusConfig.standard().withRemoteWrite(
                        s.monitorRemoteWrite() == null ? null : RemoteWrite.ofWorkspaceArn(s.monitorRemoteWrite())));
    }

    /**
     * {@code ports} with a rule store that republishes the monitor's files after each change; unchanged when there
     * is no monitor bucket (nothing to publish to).
     */
    public static Alerting.Ports publishingRules(Alerting.Ports p, String monitorBucket, Supplier<MonitorFiles> files) {
        if (monitorBucket == null || monitorBucket.isBlank()) {
            return p;
        }
        return new Alerting.Ports(new PublishingRuleStore(p.rules(), files), p.alerts(), p.lease(), p.metrics(), p.routing(),
                p.silences(), p.log(), p.stats(), p.secrets(), p.email(), p.heartbeats());
    }
}
