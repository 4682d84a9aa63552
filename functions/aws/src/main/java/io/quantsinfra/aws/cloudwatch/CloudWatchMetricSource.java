package io.quantsinfra.aws.cloudwatch;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.metrics.Datapoints;
import io.quantsinfra.core.metrics.MetricId;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.metrics.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * {@link MetricSource} and {@link MetricPublisher} over CloudWatch. Discovery lists series active in the last
 * three hours (ListMetrics' RecentlyActive), every page; a fetch is one GetMetricData request of at most 500
 * metric queries (ids {@code m0..}), followed through its NextToken pages; writes go out 500 datapoints per
 * PutMetricData request.
 */
public final class CloudWatchMetricSource implements MetricSource, MetricPublisher {
    /** Datapoints per PutMetricData request. */
    static final int PUT_BATCH = 500;

    private final CloudWatchClient cloudWatch;

    public CloudWatchMetricSource(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public List<MetricId> list(String namespace, String metricName) {
        ListMetricsRequest.Builder req = ListMetricsRequest.builder().recentlyActive(RecentlyActive.PT3_H);
        if (namespace != null) {
            req.namespace(namespace);
        }
        if (metricName != null) {
            req.metricName(metricName);
        }
        String what = "list CloudWatch metrics" + (namespace == null ? "" : " in " + namespace)
                + (metricName == null ? "" : " named " + metricName);
        return AwsErrors.call(what, () -> {
            List<MetricId> out = new ArrayList<>();
            for (Metric m : cloudWatch.listMetricsPaginator(req.build()).metrics()) {
                if (namespace != null && !namespace.equals(m.namespace())) {
                    continue;
                }
                Map<String, String> dims = new TreeMap<>();
                m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
                out.add(MetricId.of(m.namespace(), m.metricName(), dims, null));
            }
            return out.stream().distinct().toList();
        });
    }

    @Override
    public Map<MetricId, Datapoints> fetch(List<MetricId> series, Instant start, Instant end, Duration period) {
        if (series.size() > MAX_PER_REQUEST) {
            throw new IllegalArgumentException(series.size() + " series in one GetMetricData request; at most " + MAX_PER_REQUEST);
        }
        Map<MetricId, Datapoints> out = new HashMap<>();
        if (series.isEmpty()) {
            return out;
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        Map<String, MetricId> byQueryId = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            MetricId id = series.get(i);
            String q = "m" + i;
            byQueryId.put(q, id);
            queries.add(MetricDataQuery.builder().id(q).returnData(true).metricStat(MetricStat.builder()
                    .metric(Metric.builder().namespace(id.namespace()).metricName(id.name()).dimensions(dimensions(id)).build())
                    .period((int) period.toSeconds()).stat(id.stat()).build()).build());
        }
        Map<String, TreeMap<Long, Double>> points = pages(queries, start, end, series.size());
        byQueryId.forEach((q, id) -> out.put(id, datapoints(points.get(q))));
        return out;
    }

    /**
     * Every page of one GetMetricData request, by query id and time: a series' points may be spread over pages, so
     * they are merged (time-ordered) before any is used.
     */
    private Map<String, TreeMap<Long, Double>> pages(List<MetricDataQuery> queries, Instant start, Instant end, int count) {
        Map<String, TreeMap<Long, Double>> points = new HashMap<>();
        String token = null;
        do {
            String next = token;
            GetMetricDataResponse r = AwsErrors.call("read " + count + " CloudWatch series", () -> cloudWatch
                    .getMetricData(b -> b.metricDataQueries(queries).startTime(start).endTime(end)
                            .scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(next)));
            for (MetricDataResult res : r.metricDataResults()) {
                TreeMap<Long, Double> p = points.computeIfAbsent(res.id(), k -> new TreeMap<>());
                for (int i = 0; i < res.timestamps().size() && i < res.values().size(); i++) {
                    p.put(res.timestamps().get(i).toEpochMilli(), res.values().get(i));
                }
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return points;
    }

    private static Datapoints datapoints(TreeMap<Long, Double> p) {
        if (p == null || p.isEmpty()) {
            return Datapoints.NONE;
        }
        long[] t = new long[p.size()];
        double[] v = new double[p.size()];
        int i = 0;
        for (var e : p.entrySet()) {
            t[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new Datapoints(t, v);
    }

    @Override
    public void publish(String namespace, List<Datum> data) {
        for (int i = 0; i < data.size(); i += PUT_BATCH) {
            List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + PUT_BATCH)).stream()
                    .map(d -> MetricDatum.builder().metricName(d.name()).value(d.value()).timestamp(d.timestamp())
                            .dimensions(d.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                    .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                            .build())
                    .toList();
            AwsErrors.call("publish " + batch.size() + " datapoints to CloudWatch " + namespace,
                    () -> cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(batch)));
        }
    }

    private static List<Dimension> dimensions(MetricId id) {
        return id.dimensions().entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }
}
