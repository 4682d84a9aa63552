package io.quantsinfra.cdk;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The site: private bucket, CloudFront with OAC, HTTPS, security headers, upload: one fact per test. */
class SiteTemplateTest {
    private final Template site = SynthesizedApp.standard().template("Site");
    private final Template customDomain = SynthesizedApp.variant().template("Site");

    @Test
    void distribution_readsTheBucketThroughOriginAccessControl() {
        site.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        site.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of("DistributionConfig", Match.objectLike(Map.of(
                "Origins", List.of(Match.objectLike(Map.of(
                        "OriginAccessControlId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                        "S3OriginConfig", Map.of("OriginAccessIdentity", "")))))))));
    }

    @Test
    void distribution_redirectsHttpToHttps() {
        site.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of("DistributionConfig", Match.objectLike(Map.of(
                "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https")))))));
    }

    @Test
    void responses_carryCspHstsAndFrameOptions() {
        site.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Match.objectLike(Map.of(
                "ResponseHeadersPolicyConfig", Match.objectLike(Map.of("SecurityHeadersConfig", Match.objectLike(Map.of(
                        "ContentSecurityPolicy", Match.objectLike(Map.of("ContentSecurityPolicy", Match.anyValue())),
                        "StrictTransportSecurity", Match.objectLike(Map.of("AccessControlMaxAgeSec", 63072000, "IncludeSubdomains", true)),
                        "FrameOptions", Match.objectLike(Map.of("FrameOption", "DENY")),
                        "ContentTypeOptions", Match.objectLike(Map.of("Override", true)))))))));
    }

    @Test
    void distribution_rewritesCleanUrls_andServesThe404Page() {
        site.hasResourceProperties("AWS::CloudFront::Function", Match.objectLike(Map.of(
                "FunctionCode", Match.stringLikeRegexp(".*request.uri = uri \\+ '.html'.*"))));
        site.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of("DistributionConfig", Match.objectLike(Map.of(
                "CustomErrorResponses", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ErrorCode", 403, "ResponseCode", 404, "ResponsePagePath", "/404.html")))))))));
    }

    @Test
    void builtSite_cspAllowsItsInlineScriptsByHashOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("index.html"), "<html><script id=\"x\">a()</script><script src=\"/app.js\"></script></html>");
        String csp = io.quantsinfra.cdk.constructs.StaticSite.Props.cspFor(dir);
        org.junit.jupiter.api.Assertions.assertTrue(csp.contains("script-src 'self' 'sha256-"), csp);
        org.junit.jupiter.api.Assertions.assertFalse(csp.matches(".*script-src[^;]*'unsafe-inline'.*"), csp);
    }

    @Test
    void distribution_logsToTheLogBucket() {
        site.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of("DistributionConfig", Match.objectLike(Map.of(
                "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/")))))));
    }

    @Test
    void content_isUploadedByBucketDeploymentAndInvalidated() {
        site.hasResourceProperties("Custom::CDKBucketDeployment", Match.objectLike(Map.of(
                "Prune", true, "DistributionPaths", List.of("/*"))));
    }

    @Test
    void customDomain_usesItsCertificateAndTls12() {
        customDomain.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of("DistributionConfig", Match.objectLike(Map.of(
                "Aliases", List.of("runbooks.example.com"),
                "ViewerCertificate", Match.objectLike(Map.of("MinimumProtocolVersion", "TLSv1.2_2021", "SslSupportMethod", "sni-only")))))));
    }
}
