package io.quantsinfra.cdk.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's configuration, read from CDK context. Every key has a default ({@link #DEFAULTS}, mirrored in
 * {@code cdk.json} and documented in {@code docs/provisioning.md}); relative paths are resolved against the
 * repository root.
 *
 * {@snippet :
 * AppConfig config = AppConfig.from(app.getNode()::tryGetContext, repositoryRoot);
 * }
 *
 * @param environmentName part of every stack name and the {@code environment} tag
 * @param account AWS account to deploy to, or {@code null} for the CLI's ({@code CDK_DEFAULT_ACCOUNT})
 * @param region AWS region to deploy to, or {@code null} for the CLI's ({@code CDK_DEFAULT_REGION})
 * @param network the VPC and how instances reach the internet
 * @param site the static site
 * @param apiLambdaJar the API Lambda's jar ({@code functions/api}'s shaded jar)
 * @param scheduledLambdaJar the jar expected to hold the scheduled and rotation handlers
 * @param alertEvaluationRate EventBridge rate of the alert evaluator, e.g. {@code rate(1 minute)}
 * @param healthProbeRate EventBridge rate of the health prober
 * @param apiThrottleRateLimit steady requests per second the HTTP API accepts
 * @param apiThrottleBurstLimit burst the HTTP API accepts
 * @param lambdaMemoryMb memory of the Java Lambdas
 * @param logLevel {@code QUANTS_INFRA_LOG_LEVEL} of the Lambdas
 * @param logRetentionDays retention of every log group
 * @param alertEmailSender SES identity the alert notifier sends from, or {@code null}
 * @param alarmEmail address the control plane's own alarms are sent to, or {@code null}
 * @param removalPolicy what {@code cdk destroy} does to data (table, buckets, key, file system, log groups)
 * @param egressAllow CIDRs notifications may reach although they are private or the VPC's own
 *        ({@code QUANTS_INFRA_EGRESS_ALLOW}); empty by default
 */
public record AppConfig(
        String environmentName,
        String account,
        String region,
        NetworkConfig network,
        SiteConfig site,
        Path apiLambdaJar,
        Path scheduledLambdaJar,
        String alertEvaluationRate,
        String healthProbeRate,
        int apiThrottleRateLimit,
        int apiThrottleBurstLimit,
        int lambdaMemoryMb,
        String logLevel,
        int logRetentionDays,
        String alertEmailSender,
        String alarmEmail,
        DataRemoval removalPolicy,
        List<String> egressAllow,
        String monitorAmpWorkspaceArn) {

    public static final String ENVIRONMENT_NAME = "environmentName";
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String NETWORK_MODE = "networkMode";
    public static final String NAT_GATEWAYS = "natGateways";
    public static final String MAX_AZS = "maxAzs";
    public static final String VPC_CIDR = "vpcCidr";
    public static final String VPC_ID = "vpcId";
    public static final String VPC_AVAILABILITY_ZONES = "vpcAvailabilityZones";
    public static final String INSTANCE_SUBNET_IDS = "instanceSubnetIds";
    public static final String SITE_BUILD_DIR = "siteBuildDir";
    public static final String SITE_DOMAIN_NAME = "siteDomainName";
    public static final String SITE_CERTIFICATE_ARN = "siteCertificateArn";
    public static final String API_LAMBDA_JAR = "apiLambdaJar";
    public static final String SCHEDULED_LAMBDA_JAR = "scheduledLambdaJar";
    public static final String ALERT_EVALUATION_RATE = "alertEvaluationRate";
    public static final String HEALTH_PROBE_RATE = "healthProbeRate";
    public static final String API_THROTTLE_RATE_LIMIT = "apiThrottleRateLimit";
    public static final String API_THROTTLE_BURST_LIMIT = "apiThrottleBurstLimit";
    public static final String LAMBDA_MEMORY_MB = "lambdaMemoryMb";
    public static final String LOG_LEVEL = "logLevel";
    public static final String LOG_RETENTION_DAYS = "logRetentionDays";
    public static final String ALERT_EMAIL_SENDER = "alertEmailSender";
    public static final String ALARM_EMAIL = "alarmEmail";
    public static final String REMOVAL_POLICY = "removalPolicy";
    public static final String EGRESS_ALLOW = "egressAllow";
    /**
     * The Amazon Managed Service for Prometheus workspace the monitor's Prometheus remote-writes to (its ARN); the task
     * role may {@code aps:RemoteWrite} to it and nowhere else. Unset: no remote write.
     */
    public static final String MONITOR_AMP_WORKSPACE_ARN = "monitorAmpWorkspaceArn";

    /** Defaults of the keys that have one; the others (account, region, VPC import, domain, e-mails) are optional. */
    public static final Map<String, Object> DEFAULTS = defaults();

    private static final Pattern ENV_NAME = Pattern.compile("[a-z][a-z0-9-]{0,15}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,63}");
    private static final Pattern LEVEL = Pattern.compile("TRACE|DEBUG|INFO|WARN|ERROR");
    private static final Pattern RATE = Pattern.compile("(?:rate\\()?\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)?");

    /** What {@code cdk destroy} does to stateful resources. */
    public enum DataRemoval {
        /** Keep the table, buckets, key, file system and log groups (the default). */
        RETAIN,
        /** Delete them with the stacks (buckets must be emptied first). */
        DESTROY
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(ENVIRONMENT_NAME, "prod");
        d.put(NETWORK_MODE, "gateway");
        d.put(NAT_GATEWAYS, 1);
        d.put(MAX_AZS, 2);
        d.put(VPC_CIDR, "10.42.0.0/16");
        d.put(SITE_BUILD_DIR, "site/dist");
        d.put(API_LAMBDA_JAR, "functions/api/target/quants-infra-api-lambda.jar");
        d.put(SCHEDULED_LAMBDA_JAR, "functions/scheduled/target/quants-infra-scheduled-lambda.jar");
        d.put(ALERT_EVALUATION_RATE, "1 minute");
        d.put(HEALTH_PROBE_RATE, "1 minute");
        d.put(API_THROTTLE_RATE_LIMIT, 10);
        d.put(API_THROTTLE_BURST_LIMIT, 20);
        d.put(LAMBDA_MEMORY_MB, 1024);
        d.put(LOG_LEVEL, "INFO");
        d.put(LOG_RETENTION_DAYS, 30);
        d.put(REMOVAL_POLICY, "retain");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Reads and validates every key; {@code context} is usually {@code app.getNode()::tryGetContext}. */
    public static AppConfig from(Function<String, Object> context, Path repositoryRoot) {
        Context c = new Context(key -> {
            Object v = context.apply(key);
            return v != null ? v : DEFAULTS.get(key);
        });
        int maxAzs = c.integer(MAX_AZS, 2, 2, 6);
        NetworkConfig.ImportedVpc imported = null;
        String vpcId = c.string(VPC_ID, null);
        if (vpcId != null) {
            imported = new NetworkConfig.ImportedVpc(vpcId, c.list(VPC_AVAILABILITY_ZONES), c.list(INSTANCE_SUBNET_IDS));
        } else if (!c.list(INSTANCE_SUBNET_IDS).isEmpty() || !c.list(VPC_AVAILABILITY_ZONES).isEmpty()) {
            throw new InvalidContextException(INSTANCE_SUBNET_IDS, "instanceSubnetIds and vpcAvailabilityZones need vpcId");
        }
        String cidr = c.matching(VPC_CIDR, null, NetworkConfig.CIDR, "an IPv4 CIDR from /16 to /24, like 10.42.0.0/16");
        NetworkConfig network = new NetworkConfig(c.choice(NETWORK_MODE, NetworkMode.GATEWAY, NetworkMode.class),
                c.integer(NAT_GATEWAYS, 1, 0, 6), maxAzs, cidr, imported);
        SiteConfig site = new SiteConfig(repositoryRoot.resolve(c.string(SITE_BUILD_DIR, null)).normalize(),
                c.string(SITE_DOMAIN_NAME, null), c.string(SITE_CERTIFICATE_ARN, null));
        return new AppConfig(
                c.matching(ENVIRONMENT_NAME, null, ENV_NAME, "lower case letters, digits and '-', starting with a letter, up to 16"),
                c.matching(ACCOUNT, null, ACCOUNT_ID, "a 12-digit account id"),
                c.matching(REGION, null, REGION_NAME, "a region name like us-east-1"),
                network,
                site,
                repositoryRoot.resolve(c.string(API_LAMBDA_JAR, null)).normalize(),
                repositoryRoot.resolve(c.string(SCHEDULED_LAMBDA_JAR, null)).normalize(),
                rate(c, ALERT_EVALUATION_RATE),
                rate(c, HEALTH_PROBE_RATE),
                c.integer(API_THROTTLE_RATE_LIMIT, 10, 1, 10_000),
                c.integer(API_THROTTLE_BURST_LIMIT, 20, 1, 5_000),
                c.integer(LAMBDA_MEMORY_MB, 1024, 512, 10_240),
                c.matching(LOG_LEVEL, null, LEVEL, "one of TRACE, DEBUG, INFO, WARN, ERROR"),
                retention(c),
                c.matching(ALERT_EMAIL_SENDER, null, EMAIL, "an e-mail address"),
                c.matching(ALARM_EMAIL, null, EMAIL, "an e-mail address"),
                c.choice(REMOVAL_POLICY, DataRemoval.RETAIN, DataRemoval.class),
                egressAllow(c),
                ampWorkspace(c));
    }

    /** {@link #MONITOR_AMP_WORKSPACE_ARN}, checked as the control plane checks it ({@code RemoteWrite}). */
    private static String ampWorkspace(Context c) {
        String arn = c.string(MONITOR_AMP_WORKSPACE_ARN, null);
        if (arn != null) {
            try {
                io.quantsinfra.core.monitor.RemoteWrite.ofWorkspaceArn(arn);
            } catch (IllegalArgumentException e) {
                throw new InvalidContextException(MONITOR_AMP_WORKSPACE_ARN, e.getMessage() + ", got '" + arn + "'");
            }
        }
        return arn;
    }

    /** Each entry a CIDR the outbound guard accepts ({@code io.quantsinfra.core.egress.Cidr}). */
    private static List<String> egressAllow(Context c) {
        List<String> cidrs = c.list(EGRESS_ALLOW);
        for (String cidr : cidrs) {
            try {
                io.quantsinfra.core.egress.Cidr.parse(cidr);
            } catch (RuntimeException e) {
                throw new InvalidContextException(EGRESS_ALLOW, "must be a list of CIDRs like 10.42.7.0/24, got '" + cidr + "'");
            }
        }
        return List.copyOf(cidrs);
    }

    /** Normalises {@code 1 minute}, {@code 5 minutes}, {@code rate(2 hours)} to an EventBridge rate expression. */
    static String rate(Context c, String key) {
        String v = c.string(key, null);
        Matcher m = RATE.matcher(v);
        if (!m.matches()) {
            throw new InvalidContextException(key, "must be a rate like '1 minute' or '5 minutes', got '" + v + "'");
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 1) {
            throw new InvalidContextException(key, "must be at least 1, got " + n);
        }
        String unit = m.group(2).replaceAll("s$", "");
        return "rate(" + n + " " + unit + (n == 1 ? "" : "s") + ")";
    }

    private static int retention(Context c) {
        return new LogRetention(c.integer(LOG_RETENTION_DAYS, 30, 1, 3653)).days();
    }

    /** The stack name of {@code part}, e.g. {@code QuantsInfra-prod-Network}. */
    public String stackName(String part) {
        return "QuantsInfra-" + environmentName + "-" + part;
    }

    public LogRetention logRetention() {
        return new LogRetention(logRetentionDays);
    }

    public Optional<String> alertSender() {
        return Optional.ofNullable(alertEmailSender);
    }

    public Optional<String> alarmRecipient() {
        return Optional.ofNullable(alarmEmail);
    }
}
