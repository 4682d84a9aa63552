package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.constructs.Nag;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.cdk.shared.SharedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Watching the control plane itself: alarms on every Lambda's errors and throttles and on the age of the last
 * successful alert evaluation, sent to an SNS topic (and an e-mail address when configured); one dashboard with
 * deploys, evaluations, notifications, API traffic and latency, and instance health.
 */
public final class ObservabilityStack extends Stack {
    private final Topic alarmTopic;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * @param stack the stack's own props
     * @param functions every control-plane Lambda, by name
     * @param httpApiId the HTTP API's id
     * @param alertEvaluator the alert evaluator, or {@code null} while it does not exist
     * @param alarmEmail where alarms are e-mailed, or {@code null}
     */
    public record Props(StackProps stack, Map<String, IFunction> functions, String httpApiId, IFunction alertEvaluator,
                        String alarmEmail) {
    }

    public ObservabilityStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        alarmTopic = Topic.Builder.create(this, "Alarms").displayName("quants-infra control plane alarms").enforceSsl(true).build();
        Nag.acknowledge(alarmTopic, "AwsSolutions-SNS2", "Alarm notifications carry alarm names and states only. "
                + "CloudWatch cannot publish to a topic encrypted with the AWS managed key, and a customer managed "
                + "key for this alone would add $1/month to an idle deployment.");
        if (props.alarmEmail() != null) {
            alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail()));
        }
        SnsAction notify = new SnsAction(alarmTopic);
        props.functions().forEach((name, fn) -> {
            alarm(name + "Errors", "quants-infra " + name + " Lambda errors",
                    fn.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING, notify);
            alarm(name + "Throttles", "quants-infra " + name + " Lambda throttles",
                    fn.metricThrottles(MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING, notify);
        });
        if (props.alertEvaluator() != null) {
            IFunction ev = props.alertEvaluator();
            MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
            // Successful evaluations in the last 5 minutes; none (or no data at all) means the last one is older.
            IMetric succeeded = MathExpression.Builder.create()
                    .expression("invocations - errors")
                    .usingMetrics(Map.of("invocations", ev.metricInvocations(fiveMinutes), "errors", ev.metricErrors(fiveMinutes)))
                    .period(Duration.minutes(5))
                    .label("successful alert evaluations")
                    .build();
            alarm("AlertEvaluationStale", "No successful alert evaluation for 5 minutes", succeeded, 1,
                    ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING, notify);
        }
        if (props.functions().containsKey(ScheduledJob.JOB_DISPATCH)) {
            // The dispatcher publishes the oldest ready job's age every minute; 15 minutes means jobs are stuck pending
            // (concurrency full for long, RunTask failing, or the dispatcher not starting them).
            alarm("JobsStuckPending", "A job has been ready to start for more than 15 minutes "
                            + "(runbook: docs/runbooks/job-failed.md#stuck-pending)",
                    Metric.Builder.create().namespace(SharedNames.METRICS_NAMESPACE).metricName(ControlPlaneMetrics.JOBS_OLDEST_READY)
                            .statistic("Maximum").period(Duration.minutes(5)).build(),
                    JOBS_STUCK_SECONDS, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING, notify);
        }
        dashboard(props);
    }

    /** The stuck-pending alarm's threshold: the oldest ready job's age in seconds. */
    public static final double JOBS_STUCK_SECONDS = 900;

    private void alarm(String id, String description, IMetric metric, double threshold, ComparisonOperator op,
                       TreatMissingData missing, SnsAction notify) {
        Alarm a = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(op)
                .treatMissingData(missing)
                .build();
        a.addAlarmAction(notify);
        a.addOkAction(notify);
        alarms.add(a);
    }

    private void dashboard(Props props) {
        Dashboard d = Dashboard.Builder.create(this, "Dashboard").defaultInterval(Duration.hours(6)).build();
        d.addWidgets(TextWidget.Builder.create().markdown("# quants-infra control plane\nDeploys, alert evaluations and "
                + "notifications, API traffic and latency, instance health. The control plane publishes to the `"
                + SharedNames.METRICS_NAMESPACE + "` namespace when `QUANTS_INFRA_METRICS` is on (docs/metrics.md).")
                .width(24).height(2).build());
        d.addWidgets(
                graph("Deploys", List.of(search(ControlPlaneMetrics.DEPLOY, List.of(ControlPlaneMetrics.RESULT), "SampleCount",
                        "deploys by result"))),
                graph("Alert evaluations", evaluations(props)),
                graph("Notifications", List.of(search(ControlPlaneMetrics.NOTIFICATIONS,
                        List.of(ControlPlaneMetrics.RECEIVER, ControlPlaneMetrics.RESULT), "Sum", "notifications by receiver and result"))));
        d.addWidgets(
                graph("API requests and errors", List.of(api(props, "Count", "Sum"), api(props, "4xx", "Sum"), api(props, "5xx", "Sum"))),
                graph("API latency (ms)", List.of(api(props, "Latency", "p50"), api(props, "Latency", "p99"),
                        api(props, "IntegrationLatency", "p99"))),
                graph("Instance health", List.of(search("quants_infra_instance_up", List.of("instance", "service"), "Minimum",
                        "instance up (1) or down (0)"), runningTasks())),
                graph("Jobs: oldest ready (s)", List.of(custom(ControlPlaneMetrics.JOBS_OLDEST_READY, "Maximum"))));
        List<IWidget> lambda = new ArrayList<>();
        props.functions().forEach((name, fn) -> lambda.add(graph(name + " Lambda", List.of(
                fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles(),
                fn.metricDuration(MetricOptions.builder().statistic("p99").build())))));
        d.addWidgets(lambda.toArray(IWidget[]::new));
    }

    private List<IMetric> evaluations(Props props) {
        List<IMetric> m = new ArrayList<>(List.of(
                search(ControlPlaneMetrics.EVALUATION, List.of(ControlPlaneMetrics.OUTCOME), "SampleCount", "evaluation cycles"),
                custom(ControlPlaneMetrics.RULES_FIRING, "Maximum")));
        if (props.alertEvaluator() != null) {
            m.add(props.alertEvaluator().metricInvocations());
            m.add(props.alertEvaluator().metricErrors());
        }
        return m;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
    }

    private static Metric custom(String name, String statistic) {
        return Metric.Builder.create().namespace(SharedNames.METRICS_NAMESPACE).metricName(name)
                .statistic(statistic).period(Duration.minutes(5)).build();
    }

    /** Every series of a metric published with these dimensions, one line each (a dashboard SEARCH). */
    private static IMetric search(String metric, List<String> dimensions, String statistic, String label) {
        String schema = "{" + SharedNames.METRICS_NAMESPACE + "," + String.join(",", dimensions) + "}";
        return software.amazon.awscdk.services.cloudwatch.MathExpression.Builder.create()
                .expression("SEARCH('" + schema + " MetricName=\"" + metric + "\"', '" + statistic + "', 300)")
                .usingMetrics(Map.of()).label(label).period(Duration.minutes(5)).build();
    }

    private static Metric api(Props props, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(name)
                .dimensionsMap(Map.of("ApiId", props.httpApiId())).statistic(statistic).period(Duration.minutes(5)).build();
    }

    private static Metric runningTasks() {
        return Metric.Builder.create().namespace("ECS/ContainerInsights").metricName("RunningTaskCount")
                .dimensionsMap(Map.of("ClusterName", SharedNames.cluster())).statistic("Average").period(Duration.minutes(5))
                .label("ECS running tasks").build();
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
