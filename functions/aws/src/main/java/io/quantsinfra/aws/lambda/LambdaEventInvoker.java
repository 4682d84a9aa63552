package io.quantsinfra.aws.lambda;

import io.quantsinfra.core.error.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@code lambda:InvokeFunction} with {@code InvocationType: Event} (Lambda queues the event and answers 202 at once),
 * as one SigV4-signed POST to {@code /2015-03-31/functions/<name>/invocations}. The SDK's Lambda client would add
 * 2.5 MB (software.amazon.awssdk:lambda:2.31.66) to the API jar for this one call; the signer, the credential chain
 * and the HTTP client used here are already in it.
 *
 * {@snippet :
 * LambdaEventInvoker invoker = LambdaEventInvoker.create("us-east-1", null);
 * invoker.invoke("quants-infra-job-dispatch:live", "{\"source\":\"quants-infra.publish\"}");
 * }
 */
public final class LambdaEventInvoker implements AutoCloseable {
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    /**
     * @param endpoint the Lambda endpoint ({@code https://lambda.<region>.amazonaws.com}), or an override in tests
     * @param region the signing region
     * @param credentials whose signature the request carries
     * @param http the HTTP client
     */
    public LambdaEventInvoker(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    /** Against Lambda in {@code region} (or {@code endpointOverride}), with the default credential chain. */
    public static LambdaEventInvoker create(String region, URI endpointOverride) {
        URI endpoint = endpointOverride != null ? endpointOverride : URI.create("https://lambda." + region + ".amazonaws.com");
        return new LambdaEventInvoker(endpoint, region, DefaultCredentialsProvider.builder().build(),
                UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(5)).build());
    }

    /**
     * Queues {@code payload} (JSON) for {@code function} (a name, {@code name:alias} or ARN); returns once Lambda
     * accepted it. UpstreamException when Lambda refuses or cannot be reached.
     */
    public void invoke(String function, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String path = "/2015-03-31/functions/" + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/invocations";
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint.toString().replaceAll("/+$", "") + path))
                .putHeader("X-Amz-Invocation-Type", "Event")
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        int status;
        String detail;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build()).call();
            status = response.httpResponse().statusCode();
            detail = response.responseBody().map(LambdaEventInvoker::firstLine).orElse("");
        } catch (IOException e) {
            throw new UpstreamException("cannot invoke " + function + ": " + e.getClass().getSimpleName(), e);
        }
        if (status != 202) {
            throw new UpstreamException("Lambda refused to invoke " + function + " (HTTP " + status + ")"
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
    }

    private static String firstLine(InputStream in) {
        try (in) {
            String s = new String(in.readNBytes(512), StandardCharsets.UTF_8);
            return s.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
