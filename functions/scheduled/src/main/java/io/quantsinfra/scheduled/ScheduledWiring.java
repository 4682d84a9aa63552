package io.quantsinfra.scheduled;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.alerting.AwsAlerting;
import io.quantsinfra.aws.dynamodb.DynamoDbStateStore;
import io.quantsinfra.aws.ecs.EcsHealthSource;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.aws.secretsmanager.SecretsManagerStore;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.health.HttpHealthProbe;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.probe.HealthProbeService;
import io.quantsinfra.core.status.ProbeCredentials;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Builds what the handlers need from the settings, once per Lambda container (the handler instance lives as
 * long as the container). Tests pass settings for the emulator and a clock.
 */
public final class ScheduledWiring implements AutoCloseable {
    private final AwsClients clients;
    private final Clock clock;
    private Alerting alerting;
    private HealthProbeService probe;
    private EcsClient ecs;

    public ScheduledWiring(AwsSettings settings, Clock clock) {
        this.clients = new AwsClients(settings);
        this.clock = clock;
    }

    /** From the Lambda's environment ({@link AwsSettings#VARIABLES}). */
    public static ScheduledWiring fromEnvironment(Map<String, String> env) {
        return new ScheduledWiring(AwsSettings.from(env), Clock.systemUTC());
    }

    synchronized Alerting alerting() {
        if (alerting == null) {
            alerting = AwsAlerting.create(clients, clock, line -> System.out.println(Json.line("notice", line)));
        }
        return alerting;
    }

    synchronized HealthProbeService probe() {
        if (probe == null) {
            AwsSettings s = clients.settings();
            ecs = clients.ecs();
            Alerting.Ports ports = alerting().ports();
            ServiceCatalog catalog = ServiceCatalog.standard();
            DynamoDbStateStore state = new DynamoDbStateStore(clients.dynamoDb(), s.table());
            SecretsManagerStore secrets = new SecretsManagerStore(clients.secretsManager(), s.secretPrefix(), s.kmsKeyId());
            probe = new HealthProbeService(catalog, new EcsPlatform(ecs, s), state,
                    new EcsHealthSource(ecs, s.cluster(), HttpHealthProbe.create(), new ProbeCredentials(catalog, state, secrets, secrets)),
                    HealthRules.defaults(),
                    (MetricPublisher) ports.metrics(), ports.heartbeats(), clock);
        }
        return probe;
    }

    @Override
    public void close() {
        if (ecs != null) {
            ecs.close();
        }
        clients.close();
    }
}
