package io.quantsinfra.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SigV4SignerTest {
    private final SigV4Signer signer = new SigV4Signer(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
            "eu-west-1");

    @Test
    void sign_addsAnExecuteApiSignatureForTheRegion() {
        Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", "application/json"));

        Map<String, String> signed = signer.sign("POST", URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/v1/services/x/scale"),
                headers, "{\"count\":1}".getBytes(StandardCharsets.UTF_8));

        String auth = signed.get("Authorization");
        assertTrue(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), auth);
        assertTrue(auth.contains("/eu-west-1/execute-api/aws4_request"), auth);
        assertTrue(SigV4Signer.signedHeaders(signed).contains("host"), auth);
        assertTrue(signed.containsKey("X-Amz-Date"), signed::toString);
        assertTrue(!auth.contains("wJalrXUtnFEMI"), "the secret key never appears in a header");
    }

    @Test
    void forEndpoint_takesTheRegionFromTheExecuteApiHostName() {
        SigV4Signer s = SigV4Signer.forEndpoint(URI.create("https://abc123.execute-api.ap-northeast-1.amazonaws.com"), null, Map.of());
        assertEquals("ap-northeast-1", s.region());
    }
}
