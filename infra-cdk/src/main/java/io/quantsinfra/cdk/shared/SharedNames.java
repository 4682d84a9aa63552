package io.quantsinfra.cdk.shared;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import java.util.List;
import java.util.Map;

/**
 * Resource names and tags {@code functions/} expects, read from {@link AwsSettings}' defaults, the service
 * catalogue and {@link EcsPlatform}: the stacks create exactly the resources local mode emulates.
 *
 * {@snippet :
 * String table = SharedNames.table();                         // quants-infra-state
 * String group = SharedNames.logGroup("freqtrade");           // /quants-infra/freqtrade
 * }
 */
public final class SharedNames {
    /** The settings {@code functions/} runs with when nothing overrides them (the two required lists are dummies). */
    private static final AwsSettings DEFAULTS = AwsSettings.from(Map.of(
            AwsSettings.SUBNETS, "subnet-unused=unused-1a", AwsSettings.SECURITY_GROUPS, "sg-unused"));

    /** Metrics namespace of the control plane's own CloudWatch metrics: the one {@code functions/} publishes to. */
    public static final String METRICS_NAMESPACE = io.quantsinfra.aws.telemetry.ControlPlaneMetrics.NAMESPACE;

    private SharedNames() {
    }

    /** ECS cluster name ({@code quants-infra}). */
    public static String cluster() {
        return DEFAULTS.cluster();
    }

    /** DynamoDB state table name ({@code quants-infra-state}). */
    public static String table() {
        return DEFAULTS.table();
    }

    /** Log group prefix ({@code /quants-infra}); a service logs to {@code <prefix>/<service>}. */
    public static String logGroupPrefix() {
        return DEFAULTS.logGroupPrefix();
    }

    /** The log group instances of {@code service} write to. */
    public static String logGroup(String service) {
        return DEFAULTS.platformContext().logGroup(service);
    }

    /** Secrets Manager name prefix ({@code quants-infra/}). */
    public static String secretPrefix() {
        return DEFAULTS.secretPrefix();
    }

    /** SDK retries {@code functions/} uses unless told otherwise. */
    public static int awsRetries() {
        return DEFAULTS.retries();
    }

    /** Job attempts running at once unless configured otherwise ({@code QUANTS_INFRA_JOBS_CONCURRENCY}). */
    public static int jobsConcurrency() {
        return DEFAULTS.jobSettings().concurrency();
    }

    /** The catalogue's service names, e.g. {@code freqtrade}, {@code data-collector}, {@code monitor}. */
    public static List<String> services() {
        return ServiceCatalog.standard().all().stream().map(ServiceType::name).toList();
    }

    /** The tag every ECS service and task definition quants-infra creates carries ({@code managed-by=quants-infra}). */
    public static Map.Entry<String, String> managedTag() {
        return EcsPlatform.managedTag().entrySet().iterator().next();
    }
}
