package io.quantsinfra.cdk.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The static site: where its build output is, and an optional custom domain with its certificate.
 *
 * @param buildDir the site's build output ({@code site/}'s), uploaded when it has an {@code index.html}
 * @param domainName custom domain, or {@code null} for the CloudFront domain
 * @param certificateArn ACM certificate for {@code domainName}, in us-east-1 (CloudFront's region)
 */
public record SiteConfig(Path buildDir, String domainName, String certificateArn) {
    static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern CERTIFICATE = Pattern.compile("arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]{36}");

    public SiteConfig {
        if ((domainName == null) != (certificateArn == null)) {
            throw new InvalidContextException(domainName == null ? AppConfig.SITE_DOMAIN_NAME : AppConfig.SITE_CERTIFICATE_ARN,
                    "siteDomainName and siteCertificateArn go together (CloudFront needs the certificate for the domain)");
        }
        if (domainName != null && !DOMAIN.matcher(domainName).matches()) {
            throw new InvalidContextException(AppConfig.SITE_DOMAIN_NAME, "must be a lower-case DNS name, got '" + domainName + "'");
        }
        if (certificateArn != null && !CERTIFICATE.matcher(certificateArn).matches()) {
            throw new InvalidContextException(AppConfig.SITE_CERTIFICATE_ARN,
                    "must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates there), got '" + certificateArn + "'");
        }
    }

    public Optional<String> domain() {
        return Optional.ofNullable(domainName);
    }

    /** The build output, when it holds a site ({@code index.html}); empty means "upload the placeholder". */
    public Optional<Path> builtSite() {
        return buildDir != null && buildDir.resolve("index.html").toFile().isFile() ? Optional.of(buildDir) : Optional.empty();
    }
}
