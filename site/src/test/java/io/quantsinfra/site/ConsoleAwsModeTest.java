package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.api.local.SiteFiles;
import io.quantsinfra.site.aws.CognitoFront;
import io.quantsinfra.site.aws.SigV4Gateway;
import io.quantsinfra.site.aws.SiteServer;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The console in AWS mode, in Debian's chromium ({@code site/tests/browser-aws.mjs}), against loopback stand-ins
 * of what it talks to on AWS: the emulator's Cognito user pool and identity pool (behind {@link CognitoFront}),
 * and an API gateway ({@link SigV4Gateway}) that lets a request through to local mode only when the AWS SDK for
 * Java's signer computes the same SigV4 signature with the credentials the identity pool issued, and only on the
 * console's routes. The site is on its own origin with a CSP whose connect-src names exactly those endpoints.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAwsModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REGION = "us-east-1";
    private static final String USER = "ops-alice";
    private static final String TEMPORARY_PASSWORD = "Temporary-Passw0rd!";
    private static final String NEW_PASSWORD = "Chosen-by-Alice-1!";
    private static final String MFA_USER = "ops-bob";
    private static final String MFA_PASSWORD = "Bobs-Own-Passw0rd!";

    private AwsEmulator aws;
    private LocalMode local;
    private CognitoFront cognito;
    private SigV4Gateway gateway;
    private SiteServer site;

    @BeforeAll
    void start(AwsEmulator aws) throws Exception {
        this.aws = aws;
        local = DeployedLocalMode.start(aws);
        String pool = cognito("AWSCognitoIdentityProviderService.CreateUserPool", """
                {"PoolName": "quants-infra-operators", "MfaConfiguration": "OPTIONAL",
                 "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true}}""").path("UserPool").path("Id").asText();
        String client = cognito("AWSCognitoIdentityProviderService.CreateUserPoolClient", """
                {"UserPoolId": "%s", "ClientName": "console", "GenerateSecret": false,
                 "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}""".formatted(pool))
                .path("UserPoolClient").path("ClientId").asText();
        cognito("AWSCognitoIdentityProviderService.AdminCreateUser", """
                {"UserPoolId": "%s", "Username": "%s", "TemporaryPassword": "%s", "MessageAction": "SUPPRESS"}"""
                .formatted(pool, USER, TEMPORARY_PASSWORD));
        enrolTotp(pool, client);
        String identityPool = cognito("AWSCognitoIdentityService.CreateIdentityPool", """
                {"IdentityPoolName": "quants_infra_console", "AllowUnauthenticatedIdentities": false,
                 "CognitoIdentityProviders": [{"ProviderName": "cognito-idp.%s.amazonaws.com/%s", "ClientId": "%s"}]}"""
                .formatted(REGION, pool, client)).path("IdentityPoolId").asText();

        cognito = new CognitoFront(aws.endpoint(), REGION, pool);
        site = new SiteServer(SiteFiles.at(SiteBuild.dist()).orElseThrow());
        gateway = new SigV4Gateway(URI.create("http://127.0.0.1:" + local.port()), REGION, site.origin(),
                routesJson(), key -> cognito.issued().get(key));
        ObjectNode config = JSON.createObjectNode().put("mode", "aws").put("apiUrl", gateway.url().toString())
                .put("region", REGION).put("userPoolId", pool).put("userPoolClientId", client)
                .put("identityPoolId", identityPool)
                .put("cognitoIdpEndpoint", cognito.url().toString()).put("cognitoIdentityEndpoint", cognito.url().toString());
        site.configure(gateway.url() + " " + cognito.url().toString().replaceAll("/$", ""), JSON.writeValueAsString(config));
    }

    /** Bob has his own password and an authenticator enrolled, as docs/deployment/aws.md has operators do it. */
    private void enrolTotp(String pool, String client) throws Exception {
        cognito("AWSCognitoIdentityProviderService.AdminCreateUser", """
                {"UserPoolId": "%s", "Username": "%s", "MessageAction": "SUPPRESS"}""".formatted(pool, MFA_USER));
        cognito("AWSCognitoIdentityProviderService.AdminSetUserPassword", """
                {"UserPoolId": "%s", "Username": "%s", "Password": "%s", "Permanent": true}""".formatted(pool, MFA_USER, MFA_PASSWORD));
        String access = cognito("AWSCognitoIdentityProviderService.InitiateAuth", """
                {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "%s", "AuthParameters": {"USERNAME": "%s", "PASSWORD": "%s"}}"""
                .formatted(client, MFA_USER, MFA_PASSWORD)).path("AuthenticationResult").path("AccessToken").asText();
        cognito("AWSCognitoIdentityProviderService.AssociateSoftwareToken", "{\"AccessToken\": \"%s\"}".formatted(access));
        cognito("AWSCognitoIdentityProviderService.VerifySoftwareToken", """
                {"AccessToken": "%s", "UserCode": "123456"}""".formatted(access));
        cognito("AWSCognitoIdentityProviderService.SetUserMFAPreference", """
                {"AccessToken": "%s", "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}""".formatted(access));
    }

    private static Path routesJson() {
        return SiteBuild.root().resolve("site/.vitepress/theme/console/routes.json");
    }

    private JsonNode cognito(String target, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(aws.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), target + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {site, gateway, cognito, local}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    void console_signsIn_rendersInstancesFromSignedCalls_andShowsARejectedSignature() {
        assertTrue(Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))),
                "Debian's chromium is missing: scripts/tools-env.sh installs it (apt-get install chromium)");
        SiteBuild.Run r = SiteBuild.run(List.of("node", "tests/browser-aws.mjs", site.url().toString(), gateway.url().toString(),
                USER, TEMPORARY_PASSWORD, NEW_PASSWORD, MFA_USER, MFA_PASSWORD), SiteBuild.root().resolve("site"), 180);
        System.out.print(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("checks passed"), r.output());
        System.out.printf("gateway: %d signed requests verified, %d bad signatures rejected, %d routes denied%n",
                gateway.verified(), gateway.badSignatures(), gateway.deniedRoutes());
        assertTrue(gateway.verified() >= 5, "the console's calls went through the signature check: " + gateway.verified());
        assertTrue(gateway.badSignatures() >= 1, "the tampered request was rejected by the signature check");
        assertEquals(0, gateway.deniedRoutes(), "the console called only routes its role may invoke (routes.json)");
        assertEquals(1, cognito.issued().size(), "the identity pool's credentials were issued (moto's are always the same key)");
    }

    @Test
    @Order(2)
    void gateway_acceptsTheSdksSignature_withTheIssuedCredentials() throws Exception {
        assertEquals(200, signed("GET", "/v1/status", "", issued()).statusCode());
    }

    @Test
    @Order(2)
    void gateway_rejectsASignatureMadeWithTheWrongSecret() throws Exception {
        CognitoFront.IssuedCredentials c = issued();
        var r = signed("GET", "/v1/status", "", new CognitoFront.IssuedCredentials(c.accessKeyId(), c.secretKey() + "x", c.sessionToken()));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("signature we calculated does not match"), r.body());
    }

    @Test
    @Order(2)
    void gateway_rejectsABodyChangedAfterSigning() throws Exception {
        var r = signed("POST", "/v1/alerts/silences", "{\"matchers\":[\"alertname=HighCpu\"],\"duration\":\"1h\",\"comment\":\"a\"}",
                issued(), "{\"matchers\":[\"alertname=~.*\"],\"duration\":\"1h\",\"comment\":\"a\"}");
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    @Order(2)
    void gateway_deniesARouteTheConsoleDoesNotCall_evenSignedRight() throws Exception {
        var r = signed("PUT", "/v1/alerts/rules/x", "{\"groups\": []}", issued());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("Forbidden"), r.body());
    }

    @Test
    @Order(2)
    void gateway_rejectsAnUnsignedRequest() throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
    }

    @Test
    @Order(3)
    void consoleCode_namesNoApiPathOutsideRoutesJson() throws Exception {
        Path theme = SiteBuild.root().resolve("site/.vitepress/theme");
        try (var files = Files.walk(theme)) {
            List<String> offenders = files.filter(f -> f.toString().matches(".*\\.(vue|ts|js|mjs)$"))
                    .filter(f -> read(f).matches("(?s).*['\"`]/v1/.*")).map(f -> theme.relativize(f).toString()).toList();
            assertEquals(List.of(), offenders, "API paths belong in console/routes.json, which the CDK grants from");
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CognitoFront.IssuedCredentials issued() {
        return cognito.issued().values().stream().findFirst()
                .orElseThrow(() -> new AssertionError("the console never obtained credentials (run order)"));
    }

    private HttpResponse<String> signed(String method, String path, String body, CognitoFront.IssuedCredentials c) throws Exception {
        return signed(method, path, body, c, body);
    }

    /** Signs {@code body} with the AWS SDK for Java's signer, then sends {@code sent}. */
    private HttpResponse<String> signed(String method, String path, String body, CognitoFront.IssuedCredentials c, String sent)
            throws Exception {
        URI uri = URI.create(gateway.url() + path);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Type", "application/json").build();
        var s = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretKey(), c.sessionToken()))
                .request(request).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, sent.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(sent, StandardCharsets.UTF_8));
        s.request().forEachHeader((k, v) -> {
            if (!k.equalsIgnoreCase("host")) {
                v.forEach(value -> b.header(k, value));
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
