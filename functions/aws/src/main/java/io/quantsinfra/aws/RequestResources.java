package io.quantsinfra.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The resources an SDK request names, read from an allow-list of member names (so a body, an item or a secret
 * value is never read), as one JSON line: {@code {"operation":"CreateService","resources":{"cluster":["quants-infra"],
 * ...},"service":"ECS"}}. Keys are sorted so equal calls give equal lines. Extend {@link #NAMES} when a new call
 * names its resource through another member.
 */
final class RequestResources {
    /** Members whose string (or list of strings) value names a resource or a condition key's value. */
    static final Set<String> NAMES = Set.of(
            // ECS
            "cluster", "clusters", "service", "services", "serviceName", "taskDefinition", "family", "familyPrefix",
            "tasks", "task", "resourceArn", "executionRoleArn", "taskRoleArn",
            // DynamoDB
            "TableName",
            // Secrets Manager (Name: CreateSecret's; KmsKeyId: the key it encrypts with)
            "SecretId", "Name", "KmsKeyId",
            // CloudWatch Logs
            "logGroupName", "logGroupIdentifier", "logGroupNamePrefix", "logStreamName",
            // S3
            "Bucket", "Key", "Prefix",
            // CloudWatch metrics
            "Namespace",
            // SES v1 and v2 sender
            "Source", "FromEmailAddress");
    /** Members holding tags ({@code key/value} or {@code Key/Value}), kept as {@code key=value} for request-tag conditions. */
    private static final Set<String> TAGS = Set.of("tags", "Tags");

    private RequestResources() {
    }

    static String line(String service, String operation, SdkRequest request) {
        Map<String, Set<String>> resources = of(request);
        StringBuilder json = new StringBuilder("{\"operation\":").append(quote(operation)).append(",\"resources\":{");
        String sep = "";
        for (Map.Entry<String, Set<String>> e : resources.entrySet()) {
            json.append(sep).append(quote(e.getKey())).append(":[");
            json.append(String.join(",", e.getValue().stream().map(RequestResources::quote).toList())).append(']');
            sep = ",";
        }
        return json.append("},\"service\":").append(quote(service)).append('}').toString();
    }

    /** Member name to the values it names, sorted. */
    static Map<String, Set<String>> of(SdkPojo request) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (SdkField<?> f : request.sdkFields()) {
            Object v = f.getValueOrDefault(request);
            if (v == null) {
                continue;
            }
            String name = f.memberName();
            if (NAMES.contains(name)) {
                strings(v).forEach(s -> add(out, name, s));
            } else if (TAGS.contains(name) && v instanceof List<?> tags) {
                tags.stream().filter(SdkPojo.class::isInstance).map(t -> tag((SdkPojo) t)).forEach(t -> add(out, "tags", t));
            } else if (name.equals("TransactItems") && v instanceof List<?> items) {
                items.stream().filter(SdkPojo.class::isInstance).forEach(i -> transactItem((SdkPojo) i, out));
            } else if (name.equals("RequestItems") && v instanceof Map<?, ?> batch) {
                batch.keySet().forEach(table -> add(out, "TableName", String.valueOf(table)));
            } else if (name.equals("MetricDataQueries") && v instanceof List<?> queries) {
                queries.stream().filter(SdkPojo.class::isInstance)
                        .forEach(q -> nested((SdkPojo) q, List.of("MetricStat", "Metric", "Namespace"), out));
            }
        }
        return out;
    }

    /** {@code Put:table}, {@code Update:table}, ... for each action of a DynamoDB transaction. */
    private static void transactItem(SdkPojo item, Map<String, Set<String>> out) {
        for (SdkField<?> f : item.sdkFields()) {
            if (f.getValueOrDefault(item) instanceof SdkPojo action) {
                of(action).getOrDefault("TableName", Set.of()).forEach(t -> add(out, "transact", f.memberName() + ":" + t));
            }
        }
    }

    private static void nested(SdkPojo pojo, List<String> path, Map<String, Set<String>> out) {
        Object node = pojo;
        for (String member : path) {
            if (!(node instanceof SdkPojo p)) {
                return;
            }
            node = p.sdkFields().stream().filter(f -> f.memberName().equals(member)).findFirst()
                    .map(f -> f.getValueOrDefault(p)).orElse(null);
        }
        strings(node).forEach(s -> add(out, path.getLast(), s));
    }

    private static String tag(SdkPojo tag) {
        Map<String, String> kv = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        tag.sdkFields().forEach(f -> kv.put(f.memberName(), String.valueOf(f.getValueOrDefault(tag))));
        return kv.get("key") + "=" + kv.get("value");
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> l) {
            l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    private static void add(Map<String, Set<String>> out, String name, String value) {
        out.computeIfAbsent(name, k -> new TreeSet<>()).add(value);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
