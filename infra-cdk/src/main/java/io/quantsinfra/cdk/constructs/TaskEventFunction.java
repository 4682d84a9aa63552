package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.constructs.Construct;

/**
 * A {@link SnapStartFunction} invoked by an EventBridge rule on "ECS Task State Change" events of one cluster's
 * tasks started with a {@code startedBy} prefix, in the statuses it acts on. EventBridge cannot see a task's tags, so
 * the rule matches what the event carries: {@code detail.clusterArn} and a prefix of {@code detail.startedBy} (RunTask
 * sets it per job attempt). A failed delivery is retried by EventBridge for up to an hour; the dispatcher's
 * DescribeTasks reconciliation covers an event lost beyond that.
 *
 * {@snippet :
 * new TaskEventFunction(this, "JobEvents", new TaskEventFunction.Props(functionProps,
 *         Arns.ecsCluster("quants-infra"), "job/", List.of("RUNNING", "STOPPED")));
 * }
 */
public final class TaskEventFunction extends Construct {
    private final SnapStartFunction function;
    private final Rule rule;

    /**
     * @param function the function
     * @param clusterArn the cluster whose tasks' changes are delivered
     * @param startedByPrefix the {@code startedBy} prefix of the tasks delivered
     * @param statuses the {@code lastStatus} values delivered
     */
    public record Props(SnapStartFunction.Props function, String clusterArn, String startedByPrefix, List<String> statuses) {
        public Props {
            if (startedByPrefix == null || startedByPrefix.isBlank()) {
                throw new QuantsInfraCdkException("a task event rule needs a startedBy prefix: without it every task of "
                        + "the cluster (the services' too) would invoke the function");
            }
            if (statuses.isEmpty()) {
                throw new QuantsInfraCdkException("a task event rule needs the statuses it delivers");
            }
            statuses = List.copyOf(statuses);
        }
    }

    public TaskEventFunction(Construct scope, String id, Props props) {
        super(scope, id);
        function = new SnapStartFunction(this, "Function", props.function());
        rule = Rule.Builder.create(this, "TaskStateChanges")
                .description(props.function().description() + ": ECS task state changes of tasks started by '"
                        + props.startedByPrefix() + "…'")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.ecs"))
                        .detailType(List.of("ECS Task State Change"))
                        .detail(Map.of(
                                "clusterArn", List.of(props.clusterArn()),
                                "startedBy", Match.prefix(props.startedByPrefix()),
                                "lastStatus", props.statuses()))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(function.alias())
                        .retryAttempts(10)
                        .maxEventAge(Duration.hours(1))
                        .build()))
                .build();
    }

    public SnapStartFunction function() {
        return function;
    }

    public Rule rule() {
        return rule;
    }
}
