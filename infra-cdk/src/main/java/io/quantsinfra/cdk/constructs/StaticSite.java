package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.logs.LogGroup;
import io.quantsinfra.cdk.config.LogRetention;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * A static site: a private bucket read by CloudFront through Origin Access Control, HTTPS only (HTTP is
 * redirected), security headers on every answer (CSP, HSTS, frame options, nosniff, referrer policy), standard
 * logs to a log bucket, and the content uploaded from a directory by {@code BucketDeployment}.
 *
 * {@snippet :
 * StaticSite site = new StaticSite(this, "Site", new StaticSite.Props(Path.of("site/dist"), null, null,
 *         StaticSite.Props.DEFAULT_CSP, LogRetention.ofDays(30), RemovalPolicy.RETAIN));
 * }
 */
public final class StaticSite extends Construct {
    /** The ops console's configuration file: written by the Console stack, so the site's upload neither ships nor prunes it. */
    public static final String CONSOLE_CONFIG = "console-config.json";

    private final Distribution distribution;
    private final SecureBucket bucket;

    /**
     * @param content directory uploaded to the bucket (it must hold an {@code index.html})
     * @param domainName custom domain, or {@code null} for the CloudFront domain
     * @param certificateArn ACM certificate (us-east-1) for {@code domainName}
     * @param contentSecurityPolicy the {@code Content-Security-Policy} header
     * @param logRetention retention of logs (the log bucket's expiry, the deployment function's logs)
     * @param removal what {@code cdk destroy} does to the buckets
     */
    public record Props(Path content, String domainName, String certificateArn, String contentSecurityPolicy,
                        LogRetention logRetention, RemovalPolicy removal) {
        /**
         * Same-origin everything, no framing, no plugins; the console may call what it needs and nothing else: the
         * API (API Gateway in the region: the Site stack cannot name the API's id, because the API's CORS names the
         * site's origin and two stacks cannot reference each other), Cognito's user pools (sign-in) and identity
         * pools (credentials) in the region.
         */
        public static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self' " + String.join(" ", consoleEndpoints())
                + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

        /** The hosts the ops console calls on AWS, besides its own origin. */
        public static List<String> consoleEndpoints() {
            String region = software.amazon.awscdk.Aws.REGION;
            return List.of("https://*.execute-api." + region + ".amazonaws.com", "https://cognito-idp." + region
                    + ".amazonaws.com", "https://cognito-identity." + region + ".amazonaws.com");
        }

        /**
         * {@link #DEFAULT_CSP} with the built site's inline scripts allowed by their SHA-256 (VitePress's dark-mode and
         * platform checks, the same on every page) and inline styles allowed (its code highlighter colours tokens with
         * style attributes; a style runs no code). The placeholder has no inline script and keeps the default.
         */
        public static String cspFor(Path content) {
            java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
            java.util.regex.Pattern inline = java.util.regex.Pattern.compile(
                    "<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", java.util.regex.Pattern.DOTALL);
            try {
                java.util.regex.Matcher m = inline.matcher(Files.readString(content.resolve("index.html")));
                while (m.find()) {
                    byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                            .digest(m.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    hashes.add("'sha256-" + java.util.Base64.getEncoder().encodeToString(d) + "'");
                }
            } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
                throw new QuantsInfraCdkException("cannot read the site's index.html in " + content + ": " + e.getMessage());
            }
            if (hashes.isEmpty()) {
                return DEFAULT_CSP;
            }
            return DEFAULT_CSP.replace("script-src 'self';", "script-src 'self' " + String.join(" ", hashes) + ";")
                    .replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
        }

        public Props {
            if (!Files.isRegularFile(content.resolve("index.html"))) {
                throw new QuantsInfraCdkException("site content " + content + " has no index.html");
            }
            if ((domainName == null) != (certificateArn == null)) {
                throw new QuantsInfraCdkException("a custom domain needs its certificate, and a certificate its domain");
            }
            if (contentSecurityPolicy.contains("'unsafe-eval'") || contentSecurityPolicy.contains("*;")
                    || contentSecurityPolicy.matches(".*script-src[^;]*'unsafe-inline'.*")) {
                throw new QuantsInfraCdkException("the content security policy allows eval or any source: " + contentSecurityPolicy);
            }
        }
    }

    /** Viewer-request rewrite for clean URLs: a path without an extension is a page. */
    static final String CLEAN_URLS = """
            function handler(event) {
              var request = event.request;
              var uri = request.uri;
              if (uri.endsWith('/')) {
                request.uri = uri + 'index.html';
              } else if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
                request.uri = uri + '.html';
              }
              return request;
            }
            """;

    public StaticSite(Construct scope, String id, Props props) {
        super(scope, id);
        // CloudFront's standard logs are delivered with an ACL, so this log bucket keeps ACLs (object writer).
        SecureBucket logs = new SecureBucket(this, "Logs", new SecureBucket.Props(null, null, false, null,
                props.logRetention().duration(), true, props.removal()));
        bucket = new SecureBucket(this, "Content", SecureBucket.Props.dataBucket(logs.bucket(), "s3-access/", props.removal()));
        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("quants-infra site security headers")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(props.contentSecurityPolicy()).override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(730)).includeSubdomains(true).preload(true).override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN).override(true).build())
                        .build())
                .build();
        // The site's pages are /runbooks/instance-down (what alerts link), stored as runbooks/instance-down.html.
        software.amazon.awscdk.services.cloudfront.Function cleanUrls = software.amazon.awscdk.services.cloudfront.Function.Builder
                .create(this, "CleanUrls")
                .comment("quants-infra site: /x -> /x.html, /x/ -> /x/index.html")
                .runtime(software.amazon.awscdk.services.cloudfront.FunctionRuntime.JS_2_0)
                .code(software.amazon.awscdk.services.cloudfront.FunctionCode.fromInline(CLEAN_URLS))
                .build();
        Distribution.Builder d = Distribution.Builder.create(this, "Distribution")
                .comment("quants-infra runbooks and console")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket.bucket()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .functionAssociations(List.of(software.amazon.awscdk.services.cloudfront.FunctionAssociation.builder()
                                .function(cleanUrls)
                                .eventType(software.amazon.awscdk.services.cloudfront.FunctionEventType.VIEWER_REQUEST)
                                .build()))
                        .build())
                // S3 answers 403 for a missing key behind OAC (no ListBucket); both become the site's 404 page.
                .errorResponses(List.of(
                        software.amazon.awscdk.services.cloudfront.ErrorResponse.builder().httpStatus(403)
                                .responseHttpStatus(404).responsePagePath("/404.html").ttl(Duration.minutes(1)).build(),
                        software.amazon.awscdk.services.cloudfront.ErrorResponse.builder().httpStatus(404)
                                .responseHttpStatus(404).responsePagePath("/404.html").ttl(Duration.minutes(1)).build()))
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(logs.bucket())
                .logFilePrefix("cloudfront/");
        if (props.domainName() != null) {
            d.domainNames(List.of(props.domainName()))
                    .certificate(Certificate.fromCertificateArn(this, "Certificate", props.certificateArn()))
                    .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021);
        }
        distribution = d.build();
        if (props.domainName() == null) {
            Nag.acknowledge(distribution, "AwsSolutions-CFR4", "Without a custom domain the distribution serves the default "
                    + "*.cloudfront.net certificate, whose minimum protocol CloudFront fixes; set siteDomainName and "
                    + "siteCertificateArn to get TLSv1.2_2021.");
        }
        Nag.acknowledge(distribution, "AwsSolutions-CFR1", "The runbooks are read by the team wherever its members are; "
                + "no country is excluded by policy.");
        Nag.acknowledge(distribution, "AwsSolutions-CFR2", "A static, read-only site (GET/HEAD only, no forms, no "
                + "origin logic); a WAF web ACL (about $6/month) would guard nothing the cache does not already absorb. "
                + "The API it calls is IAM-authorized and throttled.");

        LogGroup deployLogs = LogGroup.Builder.create(this, "DeploymentLogs").retention(props.logRetention().retentionDays())
                .removalPolicy(props.removal()).build();
        BucketDeployment deployment = BucketDeployment.Builder.create(this, "Deployment")
                .sources(List.of(Source.asset(props.content().toString())))
                .exclude(List.of(CONSOLE_CONFIG))
                .destinationBucket(bucket.bucket())
                .distribution(distribution)
                .distributionPaths(List.of("/*"))
                .prune(true)
                .memoryLimit(256)
                .logGroup(deployLogs)
                .build();
        acknowledgeDeploymentHandler(this, deployment);
    }

    /**
     * BucketDeployment's handler is a singleton function CDK generates at the stack's root; its role carries
     * CDK's own grants. The acknowledgements are set on that function only.
     */
    public static void acknowledgeDeploymentHandler(Construct scope, BucketDeployment deployment) {
        software.amazon.awscdk.Stack stack = software.amazon.awscdk.Stack.of(scope);
        stack.getNode().getChildren().stream()
                .filter(c -> c.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(handler -> {
                    Nag.acknowledgeWithChildren(handler, "AwsSolutions-IAM4", "CDK's BucketDeployment handler role uses "
                            + "AWSLambdaBasicExecutionRole to write its own logs.",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
                    Nag.acknowledgeWithChildren(handler, "AwsSolutions-IAM5", "CDK's BucketDeployment grants (not ours to "
                            + "narrow): read the content asset from the CDK staging bucket, write and prune the site bucket "
                            + "(s3 wildcard actions scoped to those two buckets), and invalidate the distribution "
                            + "(cloudfront:CreateInvalidation on *).",
                            "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*", "Action::s3:Abort*",
                            "Action::s3:DeleteObject*", "/^Resource::.*cdk-[a-z0-9]+-assets-.*\\/\\*$/",
                            "/^Resource::<SiteContentBucket[0-9A-F]+\\.Arn>\\/\\*$/", "Resource::*");
                    Nag.acknowledgeWithChildren(handler, "AwsSolutions-L1", "CDK pins the Python runtime of its "
                            + "BucketDeployment handler (it bundles the AWS CLI layer for that runtime); it moves with CDK upgrades.");
                });
    }

    public Distribution distribution() {
        return distribution;
    }

    public SecureBucket bucket() {
        return bucket;
    }

    /** {@code https://<domain>}: the custom domain or the distribution's. */
    public String origin(String domainName) {
        return "https://" + (domainName != null ? domainName : distribution.getDistributionDomainName());
    }
}
