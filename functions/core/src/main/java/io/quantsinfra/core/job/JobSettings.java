package io.quantsinfra.core.job;

import java.time.Duration;

/**
 * How the queue behaves. Built by the AWS edge from its settings ({@code AwsSettings.jobSettings()}).
 *
 * {@snippet :
 * JobSettings s = JobSettings.defaults("/quants-infra/jobs", "us-east-1").withConcurrency(4);
 * }
 *
 * @param concurrency most attempts running at once (1-1000)
 * @param logGroup the CloudWatch Logs group job containers log to
 * @param region for CloudWatch console links
 * @param backoffBase the wait before the first retry; doubled per retry
 * @param backoffMax the longest wait between retries
 * @param finishedRetention how long finished jobs are kept before DynamoDB's TTL may delete them
 * @param claimGrace how long a claimed attempt may wait for RunTask's answer before the dispatcher asks again
 *     (with the same client token, so a task that did start is returned, not started twice)
 */
public record JobSettings(int concurrency, String logGroup, String region, Duration backoffBase, Duration backoffMax,
                          Duration finishedRetention, Duration claimGrace) {
    public JobSettings {
        if (concurrency < 1 || concurrency > 1000) {
            throw new IllegalArgumentException("job concurrency must be between 1 and 1000, got " + concurrency);
        }
    }

    /** Concurrency 10, backoff 30 s doubling to 15 min, finished jobs kept 30 days, claim grace 2 min. */
    public static JobSettings defaults(String logGroup, String region) {
        return new JobSettings(10, logGroup, region, Duration.ofSeconds(30), Duration.ofMinutes(15),
                Duration.ofDays(30), Duration.ofMinutes(2));
    }

    public JobSettings withConcurrency(int n) {
        return new JobSettings(n, logGroup, region, backoffBase, backoffMax, finishedRetention, claimGrace);
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoff(int retry) {
        long factor = 1L << Math.min(20, Math.max(0, retry - 1));
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }

    /** The CloudWatch console link to {@code stream} in {@link #logGroup()}. */
    public String logUrl(String stream) {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:log-groups/log-group/" + consoleEncode(logGroup) + "/log-events/" + consoleEncode(stream);
    }

    /** The console's own escaping: URL-encode, then replace {@code %} by {@code $25}. */
    private static String consoleEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20").replace("%", "$25");
    }
}
