package io.quantsinfra.core.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming convention of {@code prometheus/cloudwatch_exporter}, both ways:
 * {@code aws_<namespace>_<metric>_<statistic>} with dimensions as snake_case labels. So
 * {@code aws_ecs_cpuutilization_average{cluster_name="quants-infra", service_name="freqtrade-1"}} is
 * {@code AWS/ECS CPUUtilization} Average with dimensions ClusterName and ServiceName. Snake case is the
 * exporter's: an underscore between a lower-case letter or digit and an upper-case letter, then lower case
 * ({@code MemoryUtilization} → {@code memory_utilization}, {@code CPUUtilization} → {@code cpuutilization}).
 *
 * <p>Other names are the services' own metrics, published with their Prometheus names (any namespace,
 * statistic Average); {@code quants_infra_*} series live in {@link #OWN_NAMESPACE}.
 *
 * {@snippet :
 * CloudWatchNames.Target t = CloudWatchNames.target("aws_ecs_memory_utilization_average");
 * // namespace AWS/ECS, snake metric memory_utilization, stat Average
 * }
 */
public final class CloudWatchNames {
    /** Where the control plane publishes its own series (instance up, evaluations, ...). */
    public static final String OWN_NAMESPACE = "QuantsInfra";

    /** Namespaces the convention maps, by their name prefix. */
    public static final List<String> KNOWN_NAMESPACES = List.of("AWS/ECS", "ECS/ContainerInsights", "AWS/EC2",
            "AWS/ApplicationELB", "AWS/NetworkELB", "AWS/ELB", "AWS/Lambda", "AWS/DynamoDB", "AWS/RDS", "AWS/SQS",
            "AWS/SNS", "AWS/S3", "AWS/EFS", "AWS/Logs", "AWS/Events", "AWS/ApiGateway", "AWS/SES", "AWS/ElastiCache",
            "AWS/NATGateway", "AWS/EBS", "AWS/CloudFront", "AWS/Kinesis", "AWS/SecretsManager", "AWS/Usage");

    private static final Map<String, String> STATS = Map.of("average", "Average", "maximum", "Maximum",
            "minimum", "Minimum", "sum", "Sum", "sample_count", "SampleCount");
    /** Longest prefix first, so aws_applicationelb_ wins over a shorter namespace that is its prefix. */
    private static final List<String> BY_PREFIX_LENGTH = KNOWN_NAMESPACES.stream()
            .sorted(Comparator.comparingInt((String ns) -> prefix(ns).length()).reversed()).toList();
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2})(?:_(\\d{1,3}))?");

    private CloudWatchNames() {}

    /** Where a Prometheus metric name lives in CloudWatch. */
    public record Target(String namespace, String metricName, String snakeMetric, String stat) {
        /** Whether the CloudWatch metric name must be found by discovery (an AWS metric known by its snake name). */
        public boolean byNamespace() {
            return metricName == null;
        }
    }

    /** The exporter's snake case plus its safe-name rule. */
    public static String snake(String s) {
        return safe(s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
    }

    private static String safe(String s) {
        return s.replaceAll("[^a-zA-Z0-9:_]", "_").replaceAll("__+", "_");
    }

    /** The label a dimension becomes. */
    public static String label(String dimension) {
        return snake(dimension);
    }

    /** The name prefix of a namespace, e.g. {@code aws_ecs} for {@code AWS/ECS}. */
    public static String prefix(String namespace) {
        return safe(namespace.toLowerCase(Locale.ROOT));
    }

    /** The Prometheus name of a CloudWatch series, e.g. {@code aws_ecs_cpuutilization_average}. */
    public static String prometheusName(String namespace, String metric, String stat) {
        return prefix(namespace) + "_" + snake(metric) + "_" + statSuffix(stat);
    }

    private static String statSuffix(String stat) {
        for (Map.Entry<String, String> e : STATS.entrySet()) {
            if (e.getValue().equals(stat)) {
                return e.getKey();
            }
        }
        return safe(stat.toLowerCase(Locale.ROOT).replace('.', '_'));
    }

    /**
     * Whether only CloudWatch holds series named {@code name}: AWS's own ({@code aws_*}, Container Insights), the
     * control plane's ({@code quants_infra_*}) and Freqtrade's trading series the health probe publishes
     * ({@code freqtrade_*}; Freqtrade exports no Prometheus metrics, so the monitor never scrapes them).
     */
    public static boolean onlyInCloudWatch(String name) {
        return name.startsWith("aws_") || name.startsWith("ecs_containerinsights_") || name.startsWith("quants_infra_")
                || name.startsWith("freqtrade_");
    }

    /**
     * Where {@code name} lives; IllegalArgumentException naming what cannot be mapped and why.
     */
    public static Target target(String name) {
        if (name.equals("up")) {
            throw new IllegalArgumentException("'up' is made by a Prometheus server's scrapes and does not exist in CloudWatch; "
                    + "use quants_infra_instance_up{service=\"...\"} (1 up, 0 down), which the health probe publishes");
        }
        if (name.endsWith("_bucket")) {
            throw new IllegalArgumentException("'" + name + "' is a histogram bucket; CloudWatch keeps no buckets: use a "
                    + "percentile statistic such as aws_<namespace>_<metric>_p99, or the raw statistics");
        }
        if (name.startsWith("quants_infra_")) {
            return new Target(OWN_NAMESPACE, name, null, "Average");
        }
        for (String ns : BY_PREFIX_LENGTH) {
            String p = prefix(ns) + "_";
            if (name.startsWith(p)) {
                return awsTarget(name, ns, name.substring(p.length()));
            }
        }
        if (name.startsWith("aws_")) {
            throw new IllegalArgumentException("'" + name + "' starts with aws_ but names no namespace quants-infra maps; "
                    + "known: " + String.join(", ", KNOWN_NAMESPACES.stream().map(ns -> prefix(ns) + "_ (" + ns + ")").toList()));
        }
        return new Target(null, name, null, "Average");
    }

    private static Target awsTarget(String name, String ns, String rest) {
        for (Map.Entry<String, String> e : STATS.entrySet()) {
            String suffix = "_" + e.getKey();
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                String snakeMetric = rest.substring(0, rest.length() - suffix.length());
                return new Target(ns, null, snakeMetric, e.getValue());
            }
        }
        int cut = rest.lastIndexOf("_p");
        while (cut > 0) {
            Matcher m = PERCENTILE.matcher(rest.substring(cut + 1));
            if (m.matches()) {
                String stat = "p" + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
                return new Target(ns, null, rest.substring(0, cut), stat);
            }
            cut = rest.lastIndexOf("_p", cut - 1);
        }
        throw new IllegalArgumentException("'" + name + "' names " + ns + " but no statistic: end it with _average, "
                + "_maximum, _minimum, _sum, _sample_count or a percentile such as _p99");
    }

    /** Snake-cased dimension labels of {@code dimensions}. */
    public static Map<String, String> labels(Map<String, String> dimensions) {
        Map<String, String> m = new TreeMap<>();
        dimensions.forEach((k, v) -> m.put(label(k), v));
        return m;
    }

    /** The name under which a discovered series is found, for error messages and listings. */
    public static Optional<String> describe(Target t) {
        return Optional.of(t.namespace() == null ? t.metricName() + " (any namespace)"
                : t.namespace() + " " + (t.metricName() != null ? t.metricName() : t.snakeMetric()) + " " + t.stat());
    }
}
