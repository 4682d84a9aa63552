package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.constructs.Construct;

/**
 * A {@link SnapStartFunction} invoked by an EventBridge schedule with a fixed JSON input. A missed run is not
 * retried: the next one, a rate later, supersedes it.
 *
 * {@snippet :
 * new ScheduledFunction(this, "AlertEvaluation", new ScheduledFunction.Props(functionProps,
 *         "rate(1 minute)", Map.of("job", "alert-evaluation")));
 * }
 */
public final class ScheduledFunction extends Construct {
    private static final Pattern RATE = Pattern.compile("rate\\((1 (minute|hour|day)|([2-9]|[1-9]\\d+) (minutes|hours|days))\\)");

    private final SnapStartFunction function;
    private final Rule rule;

    /**
     * @param function the function
     * @param rate EventBridge rate expression, e.g. {@code rate(1 minute)}
     * @param input the event the handler receives (not EventBridge's scheduled-event envelope)
     */
    public record Props(SnapStartFunction.Props function, String rate, Map<String, Object> input) {
        public Props {
            if (!RATE.matcher(rate).matches()) {
                throw new QuantsInfraCdkException("a schedule is an EventBridge rate like 'rate(1 minute)' or "
                        + "'rate(5 minutes)', got '" + rate + "'");
            }
            if (input.isEmpty()) {
                throw new QuantsInfraCdkException("a scheduled function needs an input naming its job");
            }
            input = Map.copyOf(input);
        }
    }

    public ScheduledFunction(Construct scope, String id, Props props) {
        super(scope, id);
        function = new SnapStartFunction(this, "Function", props.function());
        rule = Rule.Builder.create(this, "Schedule")
                .description(props.function().description() + " every " + props.rate().substring(5, props.rate().length() - 1))
                .schedule(Schedule.expression(props.rate()))
                .targets(java.util.List.of(LambdaFunction.Builder.create(function.alias())
                        .event(RuleTargetInput.fromObject(props.input()))
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(1))
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
