package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import io.quantsinfra.cdk.config.LogRetention;
import software.constructs.Construct;

/**
 * An API Gateway HTTP API in front of one Lambda (payload 2.0): every request goes through the
 * {@code $default} route, which requires IAM (SigV4) authorization; the {@code $default} stage throttles
 * (rate and burst) and writes JSON access logs; CORS answers only the given origins.
 *
 * {@snippet :
 * IamHttpApi api = new IamHttpApi(this, "Api", new IamHttpApi.Props("quants-infra", fn.alias(),
 *         10, 20, List.of("https://d111111abcdef8.cloudfront.net"), LogRetention.ofDays(30), RemovalPolicy.RETAIN));
 * }
 */
public final class IamHttpApi extends Construct {
    /** The headers a browser sends with a SigV4-signed request. */
    static final List<String> SIGV4_HEADERS = List.of("authorization", "content-type", "x-amz-date",
            "x-amz-security-token", "x-amz-content-sha256", "x-request-id");

    private final HttpApi api;
    private final HttpStage stage;

    /**
     * @param name API name
     * @param handler the function (alias) every route integrates with
     * @param rateLimit steady requests per second
     * @param burstLimit burst
     * @param corsOrigins origins browsers may call from (https, no path); empty disables CORS
     * @param logRetention retention of the access log group
     * @param removal what {@code cdk destroy} does to it
     */
    public record Props(String name, IFunction handler, int rateLimit, int burstLimit, List<String> corsOrigins,
                        LogRetention logRetention, RemovalPolicy removal) {
        public Props {
            if (rateLimit < 1 || burstLimit < 1) {
                throw new QuantsInfraCdkException("throttling needs a rate and a burst of at least 1");
            }
            for (String origin : corsOrigins) {
                if (origin.equals("*") || !origin.startsWith("https://") || origin.substring(8).contains("/")) {
                    throw new QuantsInfraCdkException("a CORS origin is 'https://host' (no wildcard, no path), got '" + origin + "'");
                }
            }
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    public IamHttpApi(Construct scope, String id, Props props) {
        super(scope, id);
        HttpApi.Builder b = HttpApi.Builder.create(this, "Api")
                .apiName(props.name())
                .description(props.name() + ": every route needs AWS_IAM (SigV4) authorization")
                .createDefaultStage(false)
                .defaultIntegration(new HttpLambdaIntegration("Handler", props.handler()))
                .defaultAuthorizer(new HttpIamAuthorizer());
        if (!props.corsOrigins().isEmpty()) {
            b.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(props.corsOrigins())
                    .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE))
                    .allowHeaders(SIGV4_HEADERS)
                    .exposeHeaders(List.of("x-request-id"))
                    .maxAge(Duration.hours(1))
                    .build());
        }
        api = b.build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs").retention(props.logRetention().retentionDays())
                .removalPolicy(props.removal()).build();
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(props.rateLimit()).burstLimit(props.burstLimit()).build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
    }

    /** One JSON object per request; the caller is the IAM principal that signed it. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"caller\":\"$context.identity.userArn\",\"requestTime\":\"$context.requestTime\","
            + "\"method\":\"$context.httpMethod\",\"path\":\"$context.path\",\"status\":\"$context.status\","
            + "\"responseLength\":\"$context.responseLength\",\"latencyMs\":\"$context.responseLatency\","
            + "\"integrationLatencyMs\":\"$context.integrationLatency\",\"error\":\"$context.error.message\"}";

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }
}
