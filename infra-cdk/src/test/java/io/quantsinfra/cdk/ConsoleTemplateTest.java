package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantsinfra.cdk.constructs.ConsoleRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The ops console on AWS: operators' user pool, the identity pool, the role it hands out, the config file; one fact each. */
class ConsoleTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template console = app.template("Console");
    private final Template site = app.template("Site");

    @Test
    void userPool_onlyAdminsCreateUsers() {
        console.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "AdminCreateUserConfig", Match.objectLike(Map.of("AllowAdminCreateUserOnly", true)))));
    }

    @Test
    void userPool_requiresA14CharacterPasswordOfEveryClass_andTemporaryPasswordsExpireIn3Days() {
        console.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of("Policies", Map.of("PasswordPolicy", Map.of(
                "MinimumLength", 14, "RequireLowercase", true, "RequireUppercase", true, "RequireNumbers", true,
                "RequireSymbols", true, "TemporaryPasswordValidityDays", 3)))));
    }

    @Test
    void userPool_offersTotpMfa_neverSms() {
        console.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "MfaConfiguration", "OPTIONAL", "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))));
    }

    @Test
    void appClient_hasNoSecret_andOnlyPasswordAndRefreshFlows() {
        console.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "GenerateSecret", false,
                "ExplicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
                "PreventUserExistenceErrors", "ENABLED")));
    }

    @Test
    void identityPool_refusesUnauthenticatedIdentities_andTheClassicFlow() {
        console.hasResourceProperties("AWS::Cognito::IdentityPool", Match.objectLike(Map.of(
                "AllowUnauthenticatedIdentities", false, "AllowClassicFlow", false,
                "CognitoIdentityProviders", List.of(Match.objectLike(Map.of("ServerSideTokenCheck", true))))));
    }

    @Test
    void identityPool_attachesTheOperatorRoleToAuthenticatedIdentitiesOnly() {
        Map<String, Object> attachment = only("AWS::Cognito::IdentityPoolRoleAttachment");
        @SuppressWarnings("unchecked")
        Map<String, Object> roles = (Map<String, Object>) ((Map<String, Object>) attachment.get("Properties")).get("Roles");
        assertEquals(List.of("authenticated"), List.copyOf(roles.keySet()));
    }

    @Test
    void operatorRole_isAssumedOnlyByAuthenticatedIdentitiesOfThisPool() {
        console.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", List.of(Match.objectLike(Map.of(
                        "Action", "sts:AssumeRoleWithWebIdentity",
                        "Principal", Map.of("Federated", "cognito-identity.amazonaws.com"),
                        "Condition", Map.of(
                                "StringEquals", Map.of("cognito-identity.amazonaws.com:aud", Match.objectLike(Map.of("Ref", Match.anyValue()))),
                                "ForAnyValue:StringLike", Map.of("cognito-identity.amazonaws.com:amr", "authenticated"))))))))));
    }

    @Test
    void operatorRole_mayInvokeExactlyTheConsolesRoutes() {
        List<ConsoleRoutes.Route> routes = ConsoleRoutes.read(QuantsInfraApp.repositoryRoot().resolve(ConsoleRoutes.FILE));
        List<String> expected = routes.stream().map(r -> "/$default/" + r.method() + r.resourcePath()).sorted().toList();
        Map<String, Object> role = asMap(app.json("Console").get("Resources")).entrySet().stream().filter(e -> e.getKey().startsWith("ConsoleAuthOperatorRole"))
                .map(e -> asMap(e.getValue())).findFirst().orElseThrow();
        List<Object> policies = asList(asMap(role.get("Properties")).get("Policies"));
        assertEquals(1, policies.size(), "one inline policy");
        List<Object> statements = asList(asMap(asMap(policies.get(0)).get("PolicyDocument")).get("Statement"));
        assertEquals(1, statements.size());
        Map<String, Object> statement = asMap(statements.get(0));
        assertEquals("execute-api:Invoke", statement.get("Action"));
        assertEquals("Allow", statement.get("Effect"));
        List<String> granted = new ArrayList<>();
        for (Object resource : asList(statement.get("Resource"))) {
            // arn:<partition>:execute-api:<region>:<account>:<api id>/$default/METHOD/path, as Fn::Join parts
            List<Object> parts = asList(asList(asMap(resource).get("Fn::Join")).get(1));
            Object last = parts.get(parts.size() - 1);
            assertTrue(parts.stream().anyMatch(p -> String.valueOf(p).contains("RefHttpApi")), "names the API by its id: " + parts);
            granted.add(String.valueOf(last));
        }
        assertEquals(expected, granted.stream().sorted().toList());
    }

    @Test
    void configFile_isWrittenNextToTheSite_withoutPruningIt() {
        console.hasResourceProperties("Custom::CDKBucketDeployment", Match.objectLike(Map.of(
                "Prune", false, "DistributionPaths", List.of("/console-config.json"))));
    }

    @Test
    void configFile_namesTheApiThePoolsAndTheClient_andNothingElse() throws Exception {
        Path file;
        try (var files = Files.walk(app.out(), 2)) {
            file = files.filter(f -> f.getFileName().toString().equals("console-config.json"))
                    .filter(f -> read(f).contains("<<marker:")).findFirst().orElseThrow();
        }
        Map<String, Object> config = new ObjectMapper().readValue(read(file).replaceAll("<<marker:[^>]+>>", "\"token\""),
                new TypeReference<>() { });
        assertEquals(List.of("mode", "apiUrl", "region", "userPoolId", "userPoolClientId", "identityPoolId"), List.copyOf(config.keySet()));
        assertEquals("aws", config.get("mode"));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void siteUpload_excludesTheConsoleConfig_soItsPruneKeepsIt() {
        site.hasResourceProperties("Custom::CDKBucketDeployment", Match.objectLike(Map.of(
                "Prune", true, "Exclude", List.of("console-config.json"))));
    }

    @Test
    void siteCsp_connectsOnlyToItself_theRegionsApiGateway_andCognito() {
        String csp = String.valueOf(site.findResources("AWS::CloudFront::ResponseHeadersPolicy").values().iterator().next());
        assertTrue(csp.matches("(?s).*connect-src 'self' https://\\*\\.execute-api\\., \\{Ref=AWS::Region}, \\.amazonaws\\.com "
                + "https://cognito-idp\\., \\{Ref=AWS::Region}, \\.amazonaws\\.com https://cognito-identity\\., \\{Ref=AWS::Region}, "
                + "\\.amazonaws\\.com; frame-ancestors.*"), csp);
    }

    @Test
    void api_answersCorsOnlyForTheSite_withTheHeadersASignedBrowserRequestCarries() {
        // site/src/test/.../SigV4Gateway answers preflights with the same headers; the console signs authorization,
        // content-type, x-amz-date and x-amz-security-token (accept is CORS-safelisted).
        Map<String, Object> cors = asMap(asMap(app.template("ControlPlane").findResources("AWS::ApiGatewayV2::Api").values()
                .iterator().next()).get("Properties")).get("CorsConfiguration") instanceof Map<?, ?> m ? asMap(m) : Map.of();
        assertEquals(1, asList(cors.get("AllowOrigins")).size(), "one origin: " + cors);
        assertTrue(String.valueOf(cors.get("AllowOrigins")).matches("(?s).*https://.*SiteDistribution.*DomainName.*"), "the site's: " + cors);
        assertTrue(asList(cors.get("AllowHeaders")).containsAll(List.of("authorization", "content-type", "x-amz-date",
                "x-amz-security-token")), "signed headers allowed: " + cors);
        assertTrue(asList(cors.get("AllowMethods")).containsAll(List.of("GET", "POST", "DELETE")), "the console's methods: " + cors);
    }

    @Test
    void consoleRoute_parameterBecomesOneWildcard_andAMalformedRouteIsRefused() {
        assertEquals("/v1/services/*/history", new ConsoleRoutes.Route("GET", "/v1/services/{service}/history").resourcePath());
        org.junit.jupiter.api.Assertions.assertThrows(QuantsInfraCdkException.class, () -> new ConsoleRoutes.Route("GET", "/v1/*"));
        org.junit.jupiter.api.Assertions.assertThrows(QuantsInfraCdkException.class, () -> new ConsoleRoutes.Route("ANY", "/v1/status"));
    }

    private Map<String, Object> only(String type) {
        var found = console.findResources(type);
        assertEquals(1, found.size(), type);
        return asMap(found.values().iterator().next());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }
}
