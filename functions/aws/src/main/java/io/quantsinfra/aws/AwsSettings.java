package io.quantsinfra.aws;

import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.egress.EgressPolicy;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings of the AWS adapters, read from environment variables. The CDK stack sets exactly these on
 * the Lambdas ({@link #VARIABLES} is the list it is checked against); local mode sets them for the
 * emulator. Bad settings fail at start with the variable and the reason.
 *
 * {@snippet :
 * AwsSettings settings = AwsSettings.from(System.getenv());
 * }
 */
public record AwsSettings(
        String region,
        URI endpoint,
        String cluster,
        Map<String, String> subnetZones,
        List<String> securityGroups,
        boolean assignPublicIp,
        String table,
        String logGroupPrefix,
        String executionRoleArn,
        String taskRoleArn,
        String secretPrefix,
        String kmsKeyId,
        String monitorBucket,
        String collectorFileSystemId,
        String collectorAccessPointId,
        int retries,
        String docsUrl,
        boolean probeInstances,
        boolean metrics,
        EgressPolicy egress,
        URI prometheusUrl,
        String monitorRemoteWrite,
        Map<String, String> serviceTaskRoleArns,
        int jobsConcurrency) {

    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String CLUSTER = "QUANTS_INFRA_CLUSTER";
    public static final String SUBNETS = "QUANTS_INFRA_SUBNETS";
    public static final String SECURITY_GROUPS = "QUANTS_INFRA_SECURITY_GROUPS";
    public static final String ASSIGN_PUBLIC_IP = "QUANTS_INFRA_ASSIGN_PUBLIC_IP";
    public static final String TABLE = "QUANTS_INFRA_TABLE";
    public static final String LOG_GROUP_PREFIX = "QUANTS_INFRA_LOG_GROUP_PREFIX";
    public static final String EXECUTION_ROLE_ARN = "QUANTS_INFRA_EXECUTION_ROLE_ARN";
    public static final String TASK_ROLE_ARN = "QUANTS_INFRA_TASK_ROLE_ARN";
    public static final String SECRET_PREFIX = "QUANTS_INFRA_SECRET_PREFIX";
    public static final String KMS_KEY_ID = "QUANTS_INFRA_SECRETS_KMS_KEY_ID";
    public static final String MONITOR_BUCKET = "QUANTS_INFRA_MONITOR_BUCKET";
    public static final String COLLECTOR_FILE_SYSTEM_ID = "QUANTS_INFRA_COLLECTOR_FILE_SYSTEM_ID";
    public static final String COLLECTOR_ACCESS_POINT_ID = "QUANTS_INFRA_COLLECTOR_ACCESS_POINT_ID";
    public static final String AWS_RETRIES = "QUANTS_INFRA_AWS_RETRIES";
    /** Base URL of the published docs site; alert runbook links point under it. */
    public static final String DOCS_URL = "QUANTS_INFRA_DOCS_URL";
    /** Whether the control plane can reach tasks to probe their health endpoints (false in the no-NAT mode). */
    public static final String HEALTH_PROBE = "QUANTS_INFRA_HEALTH_PROBE";
    /**
     * Whether the control plane publishes its own metrics (API latency, deploys, evaluations, notifications) to
     * CloudWatch namespace {@code QuantsInfra}; off unless set (local mode leaves it off, the CDK stack turns it on).
     */
    public static final String METRICS = "QUANTS_INFRA_METRICS";
    /**
     * Local mode and tests only: the monitor's Prometheus at a loopback URL such as {@code http://127.0.0.1:9090}
     * (nothing else is accepted). Unset, the evaluators find it as the running task of the {@code monitor}
     * instance in ECS. Not one of {@link #VARIABLES}: the CDK stack never sets it.
     */
    public static final String PROMETHEUS_URL = "QUANTS_INFRA_PROMETHEUS_URL";

    /**
     * CIDRs notification targets may be in although they are not public (comma-separated, e.g. a webhook relay in
     * the VPC: {@code 10.20.3.0/24}); none by default. Local mode sets loopback ({@link EgressPolicy#LOOPBACK}).
     */
    public static final String EGRESS_ALLOW = "QUANTS_INFRA_EGRESS_ALLOW";
    /** The VPC's own CIDRs (comma-separated), refused as notification targets like private ranges; none by default. */
    public static final String VPC_CIDRS = "QUANTS_INFRA_VPC_CIDRS";

    /**
     * The Amazon Managed Service for Prometheus workspace (its ARN) the monitor's Prometheus remote-writes every series
     * to, so that they survive a task replacement; unset: the series stay in the task. The CDK app grants the task
     * role {@code aps:RemoteWrite} on exactly this workspace.
     */
    public static final String MONITOR_REMOTE_WRITE = "QUANTS_INFRA_MONITOR_REMOTE_WRITE";
    /**
     * The task role of each service type, {@code service=role-arn} pairs, comma-separated
     * ({@code data-collector=arn:…,freqtrade=arn:…,monitor=arn:…}): each type's tasks get only what that type needs
     * (the monitor's Grafana reads CloudWatch; bots and collectors may not). A type not listed uses
     * {@link #TASK_ROLE_ARN}.
     */
    public static final String SERVICE_TASK_ROLE_ARNS = "QUANTS_INFRA_SERVICE_TASK_ROLE_ARNS";
    /**
     * Most job attempts running at once (1-1000, default 10): the dispatcher starts no more tasks while this many
     * run. Job containers log to {@code <log group prefix>/jobs}.
     */
    public static final String JOBS_CONCURRENCY = "QUANTS_INFRA_JOBS_CONCURRENCY";
    /**
     * The job dispatcher Lambda's function name, which the API invokes asynchronously right after a publish (read by
     * the API's job wiring, not this record). Unset (local mode): the API runs a dispatch cycle in-process instead.
     */
    public static final String JOBS_DISPATCHER = "QUANTS_INFRA_JOBS_DISPATCHER";

    /** Every variable this record reads: the CDK stack's Lambda environment must be drawn from this list. */
    public static final List<String> VARIABLES = List.of(REGION, ENDPOINT, CLUSTER, SUBNETS, SECURITY_GROUPS,
            ASSIGN_PUBLIC_IP, TABLE, LOG_GROUP_PREFIX, EXECUTION_ROLE_ARN, TASK_ROLE_ARN, SECRET_PREFIX, KMS_KEY_ID,
            MONITOR_BUCKET, COLLECTOR_FILE_SYSTEM_ID, COLLECTOR_ACCESS_POINT_ID, AWS_RETRIES, DOCS_URL, HEALTH_PROBE, METRICS,
            EGRESS_ALLOW, VPC_CIDRS, MONITOR_REMOTE_WRITE, SERVICE_TASK_ROLE_ARNS, JOBS_CONCURRENCY, JOBS_DISPATCHER);

    /** Reads and validates the settings. */
    public static AwsSettings from(Map<String, String> env) {
        String endpoint = optional(env, ENDPOINT);
        return new AwsSettings(
                env.getOrDefault(REGION, env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")),
                endpoint == null ? null : uri(endpoint),
                env.getOrDefault(CLUSTER, "quants-infra"),
                subnetZones(env),
                list(env, SECURITY_GROUPS, true),
                bool(env, ASSIGN_PUBLIC_IP, false),
                env.getOrDefault(TABLE, "quants-infra-state"),
                env.getOrDefault(LOG_GROUP_PREFIX, "/quants-infra"),
                optional(env, EXECUTION_ROLE_ARN),
                optional(env, TASK_ROLE_ARN),
                env.getOrDefault(SECRET_PREFIX, "quants-infra/"),
                optional(env, KMS_KEY_ID),
                optional(env, MONITOR_BUCKET),
                optional(env, COLLECTOR_FILE_SYSTEM_ID),
                optional(env, COLLECTOR_ACCESS_POINT_ID),
                integer(env, AWS_RETRIES, 3),
                optional(env, DOCS_URL),
                bool(env, HEALTH_PROBE, true),
                bool(env, METRICS, false),
                egress(env),
                prometheusUrl(optional(env, PROMETHEUS_URL)),
                remoteWrite(env),
                serviceTaskRoles(env),
                jobsConcurrency(env));
    }

    /** These settings as the environment variables they are read from (the inverse of {@link #from}). */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put(REGION, region);
        if (endpoint != null) {
            env.put(ENDPOINT, endpoint.toString());
        }
        env.put(CLUSTER, cluster);
        env.put(SUBNETS, String.join(",", subnetZones.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        env.put(SECURITY_GROUPS, String.join(",", securityGroups));
        env.put(ASSIGN_PUBLIC_IP, Boolean.toString(assignPublicIp));
        env.put(TABLE, table);
        env.put(LOG_GROUP_PREFIX, logGroupPrefix);
        putIfSet(env, EXECUTION_ROLE_ARN, executionRoleArn);
        putIfSet(env, TASK_ROLE_ARN, taskRoleArn);
        env.put(SECRET_PREFIX, secretPrefix);
        putIfSet(env, KMS_KEY_ID, kmsKeyId);
        putIfSet(env, MONITOR_BUCKET, monitorBucket);
        putIfSet(env, COLLECTOR_FILE_SYSTEM_ID, collectorFileSystemId);
        putIfSet(env, COLLECTOR_ACCESS_POINT_ID, collectorAccessPointId);
        env.put(AWS_RETRIES, Integer.toString(retries));
        putIfSet(env, DOCS_URL, docsUrl);
        env.put(HEALTH_PROBE, Boolean.toString(probeInstances));
        env.put(METRICS, Boolean.toString(metrics));
        putIfSet(env, EGRESS_ALLOW, egress.allowed().isEmpty() ? null : egress.allowedText());
        putIfSet(env, VPC_CIDRS, egress.vpc().isEmpty() ? null : egress.vpcText());
        putIfSet(env, PROMETHEUS_URL, prometheusUrl == null ? null : prometheusUrl.toString());
        putIfSet(env, MONITOR_REMOTE_WRITE, monitorRemoteWrite);
        putIfSet(env, SERVICE_TASK_ROLE_ARNS, serviceTaskRoleArns.isEmpty() ? null : String.join(",",
                serviceTaskRoleArns.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        env.put(JOBS_CONCURRENCY, Integer.toString(jobsConcurrency));
        return env;
    }

    private static void putIfSet(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }

    /** The configured subnet ids, sorted. */
    public List<String> subnets() {
        return List.copyOf(subnetZones.keySet());
    }

    /**
     * {@code QUANTS_INFRA_SUBNETS}: {@code subnet-id=availability-zone} pairs, comma-separated. The zones come
     * with the configuration (the CDK stack knows them) so that placing an instance needs no EC2 call.
     */
    private static Map<String, String> subnetZones(Map<String, String> env) {
        Map<String, String> zones = new java.util.TreeMap<>();
        for (String entry : list(env, SUBNETS, true)) {
            int eq = entry.indexOf('=');
            if (eq < 1 || eq == entry.length() - 1) {
                throw new IllegalStateException(SUBNETS + " entries must be subnet-id=availability-zone, got '" + entry + "'");
            }
            zones.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return java.util.Collections.unmodifiableMap(zones);
    }

    /** The task role a task definition of {@code service} names: its own, else the shared {@link #TASK_ROLE_ARN}. */
    public String taskRoleArn(String service) {
        // A spec without a service tag (an immutable map refuses a null key) gets the shared role.
        return service == null ? taskRoleArn : serviceTaskRoleArns.getOrDefault(service, taskRoleArn);
    }

    /** {@link #SERVICE_TASK_ROLE_ARNS}: {@code service=arn} pairs, each an IAM role ARN. */
    private static Map<String, String> serviceTaskRoles(Map<String, String> env) {
        Map<String, String> roles = new java.util.TreeMap<>();
        for (String entry : list(env, SERVICE_TASK_ROLE_ARNS, false)) {
            int eq = entry.indexOf('=');
            String service = eq < 1 ? "" : entry.substring(0, eq).trim();
            String arn = eq < 1 ? "" : entry.substring(eq + 1).trim();
            if (!service.matches("[a-z][a-z0-9-]{0,31}") || !arn.matches("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}")) {
                throw new IllegalStateException(SERVICE_TASK_ROLE_ARNS + " entries must be service=role-arn, like "
                        + "monitor=arn:aws:iam::123456789012:role/monitor-task, got '" + entry + "'");
            }
            roles.put(service, arn);
        }
        return java.util.Collections.unmodifiableMap(roles);
    }

    /** {@link #MONITOR_REMOTE_WRITE}, checked to be a workspace ARN. */
    private static String remoteWrite(Map<String, String> env) {
        String arn = optional(env, MONITOR_REMOTE_WRITE);
        if (arn != null) {
            try {
                io.quantsinfra.core.monitor.RemoteWrite.ofWorkspaceArn(arn);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(MONITOR_REMOTE_WRITE + ": " + e.getMessage());
            }
        }
        return arn;
    }

    /** What the catalogue needs to know of the account. */
    public PlatformContext platformContext() {
        return new PlatformContext(logGroupPrefix, collectorFileSystemId, collectorAccessPointId, monitorBucket, region);
    }

    /** The jobs log group: {@code <log group prefix>/jobs}. */
    public String jobsLogGroup() {
        return logGroupPrefix + "/jobs";
    }

    /** The job queue's settings: {@link #JOBS_CONCURRENCY}, the jobs log group, defaults for the rest. */
    public io.quantsinfra.core.job.JobSettings jobSettings() {
        return io.quantsinfra.core.job.JobSettings.defaults(jobsLogGroup(), region).withConcurrency(jobsConcurrency);
    }

    private static int jobsConcurrency(Map<String, String> env) {
        String v = optional(env, JOBS_CONCURRENCY);
        if (v == null) {
            return 10;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 1000) {
                throw new IllegalStateException(JOBS_CONCURRENCY + " must be between 1 and 1000, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(JOBS_CONCURRENCY + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@link #EGRESS_ALLOW} and {@link #VPC_CIDRS}, each entry a CIDR. */
    private static EgressPolicy egress(Map<String, String> env) {
        String allow = optional(env, EGRESS_ALLOW);
        String vpc = optional(env, VPC_CIDRS);
        try {
            EgressPolicy.parse(allow, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(EGRESS_ALLOW + ": " + e.getMessage());
        }
        try {
            return EgressPolicy.parse(allow, vpc);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VPC_CIDRS + ": " + e.getMessage());
        }
    }

    /** The outbound guard these settings describe, resolving names with the system resolver. */
    public io.quantsinfra.core.egress.EgressGuard egressGuard() {
        return new io.quantsinfra.core.egress.EgressGuard(egress, io.quantsinfra.core.egress.Resolver.SYSTEM);
    }

    private static String optional(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<String> list(Map<String, String> env, String key, boolean required) {
        String v = optional(env, key);
        if (v == null) {
            if (required) {
                throw new IllegalStateException(key + " is not set: a comma-separated list is required");
            }
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(Map<String, String> env, String key, boolean dflt) {
        String v = optional(env, key);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "enabled", "1" -> true;
            case "false", "disabled", "0" -> false;
            default -> throw new IllegalStateException(key + " must be true or false, got '" + v + "'");
        };
    }

    private static int integer(Map<String, String> env, String key, int dflt) {
        String v = optional(env, key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 10) {
                throw new IllegalStateException(key + " must be between 0 and 10, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@link #PROMETHEUS_URL}: http on a loopback IP literal (local mode only), no path, query or login. */
    private static URI prometheusUrl(String v) {
        if (v == null) {
            return null;
        }
        URI u;
        try {
            u = URI.create(v);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        String host = u == null || u.getHost() == null ? "" : u.getHost().replaceAll("^\\[|\\]$", "");
        boolean loopback = host.equals("::1") || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
        if (u == null || !"http".equals(u.getScheme()) || !loopback || u.getUserInfo() != null || u.getQuery() != null
                || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
            throw new IllegalStateException(PROMETHEUS_URL + " must be http on a loopback address, like http://127.0.0.1:9090 "
                    + "(local mode only; on AWS the monitor's task is found in ECS), got '" + v + "'");
        }
        return URI.create("http://" + u.getRawAuthority());
    }

    private static URI uri(String v) {
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ENDPOINT + " must be a URL like http://127.0.0.1:4566, got '" + v + "'");
        }
    }
}
