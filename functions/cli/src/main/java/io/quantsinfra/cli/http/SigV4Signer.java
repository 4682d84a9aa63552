package io.quantsinfra.cli.http;

import io.quantsinfra.cli.CliException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs API requests with SigV4 for API Gateway's IAM authorization ({@code execute-api}), using the SDK's
 * own signer and the default credential chain (environment, profile, SSO, instance role).
 */
public final class SigV4Signer implements RequestSigner {
    private static final Pattern EXECUTE_API = Pattern.compile(".*\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com");
    private final AwsCredentialsProvider credentials;
    private final String region;

    public SigV4Signer(AwsCredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** A signer for {@code endpoint}: region from {@code regionOverride}, else the host name, else AWS_REGION. */
    public static SigV4Signer forEndpoint(URI endpoint, String regionOverride, Map<String, String> env) {
        String region = regionOverride;
        if (region == null) {
            Matcher m = EXECUTE_API.matcher(endpoint.getHost() == null ? "" : endpoint.getHost());
            region = m.matches() ? m.group(1) : env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        }
        if (region == null) {
            throw new CliException(CliException.INVALID, "cannot tell the AWS region of " + endpoint
                    + "; pass --region or set AWS_REGION");
        }
        return new SigV4Signer(DefaultCredentialsProvider.builder().build(), region);
    }

    /** The region signatures are made for. */
    public String region() {
        return region;
    }

    @Override
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new CliException(CliException.CONNECTION, "no AWS credentials found to sign the request "
                    + "(set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use 'aws sso login')");
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }

    /** The headers a signature covers, for tests. */
    static List<String> signedHeaders(Map<String, String> headers) {
        String auth = headers.getOrDefault("Authorization", "");
        int i = auth.indexOf("SignedHeaders=");
        if (i < 0) {
            return List.of();
        }
        String list = auth.substring(i + "SignedHeaders=".length());
        return List.of(list.substring(0, list.indexOf(',')).split(";"));
    }
}
