package io.quantsinfra.cdk.artifacts;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Runs in a JVM whose classpath is the API Lambda jar plus this class, with the API's settings in its environment (as
 * on Lambda): builds the handler the ControlPlane stack names, hands it {@code GET <args[0]>} as API Gateway (HTTP
 * API, payload 2.0, IAM authorization) delivers it, and prints the status code, then the body.
 */
public final class ApiJarStatusRequest {
    private ApiJarStatusRequest() {}

    public static void main(String[] args) throws Exception {
        String path = args[0];
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[1])
                        .getConstructor().newInstance();
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                        "user-agent", "quants-infra/0.1.0"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012").withApiId("a1b2c3d4e5")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withAccountId("123456789012").withUserArn("arn:aws:iam::123456789012:user/quant-ops")
                                        .build())
                                .build())
                        .withDomainName("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("198.51.100.7").withUserAgent("quants-infra/0.1.0").build())
                        .withRequestId("artifact-check").withRouteKey("$default").withStage("$default")
                        .withTimeEpoch(now.toEpochMilli())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new CheckContext());
        System.out.println(response.getStatusCode());
        System.out.println(response.getBody());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** A Lambda context with a 30 s budget, logging to stderr. */
    private static final class CheckContext implements Context {
        @Override public String getAwsRequestId() { return "00000000-0000-4000-8000-00000000c0de"; }
        @Override public String getLogGroupName() { return "/aws/lambda/quants-infra-api"; }
        @Override public String getLogStreamName() { return "artifact-check"; }
        @Override public String getFunctionName() { return "quants-infra-api"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:quants-infra-api"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
