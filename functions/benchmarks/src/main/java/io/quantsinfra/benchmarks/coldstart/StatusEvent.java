package io.quantsinfra.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/status} as API Gateway (HTTP API, payload format 2.0, IAM authorization) delivers it: the
 * fields and header set of a real event, with the values of a SigV4-signed CLI call.
 *
 * {@snippet :
 * APIGatewayV2HTTPEvent event = StatusEvent.get("/v1/status", Instant.now());
 * }
 */
final class StatusEvent {
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String API_ID = "a1b2c3d4e5";
    private static final String DOMAIN = API_ID + ".execute-api.us-east-1.amazonaws.com";
    private static final String ACCOUNT = "123456789012";
    private static final String USER_AGENT = "quants-infra/0.1.0 Java/25";

    private StatusEvent() {}

    static APIGatewayV2HTTPEvent get(String path, Instant now) {
        String requestId = "Jf3kPiBeIAMEV5g=";
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers())
                .withIsBase64Encoded(false)
                .withRequestContext(requestContext(path, now, requestId))
                .build();
    }

    /** The headers of a SigV4-signed GET as API Gateway passes them on (example values). */
    private static Map<String, String> headers() {
        return Map.of(
                "accept", "application/json",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/execute-api/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000",
                "content-length", "0",
                "host", DOMAIN,
                "user-agent", USER_AGENT,
                "x-amz-date", "20260101T000000Z",
                "x-amzn-trace-id", "Root=1-67890abc-0123456789abcdef01234567",
                "x-forwarded-for", "198.51.100.7",
                "x-forwarded-port", "443",
                "x-forwarded-proto", "https");
    }

    /** An IAM-authorized request context, as API Gateway builds it for the caller. */
    private static APIGatewayV2HTTPEvent.RequestContext requestContext(String path, Instant now, String requestId) {
        return APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(ACCOUNT)
                .withApiId(API_ID)
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                .withAccessKey("AKIAIOSFODNN7EXAMPLE")
                                .withAccountId(ACCOUNT)
                                .withCallerId("AIDACKCEVSQ6C2EXAMPLE")
                                .withUserArn("arn:aws:iam::" + ACCOUNT + ":user/quant-ops")
                                .withUserId("AIDACKCEVSQ6C2EXAMPLE")
                                .build())
                        .build())
                .withDomainName(DOMAIN)
                .withDomainPrefix(API_ID)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("198.51.100.7")
                        .withUserAgent(USER_AGENT)
                        .build())
                .withRequestId(requestId)
                .withRouteKey("$default")
                .withStage("$default")
                .withTime(CLF.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();
    }
}
