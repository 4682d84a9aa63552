package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.config.SiteConfig;
import io.quantsinfra.cdk.constructs.StaticSite;
import java.nio.file.Path;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import io.quantsinfra.cdk.config.LogRetention;
import software.constructs.Construct;

/**
 * The runbooks and console site: S3 + CloudFront ({@link StaticSite}). Until {@code site/} is built, a placeholder
 * page kept in {@code infra-cdk/site-placeholder/} is uploaded instead, and synth says so.
 */
public final class SiteStack extends Stack {
    private final StaticSite site;
    private final String origin;

    /**
     * @param stack the stack's own props
     * @param site where the built site is, and the optional domain
     * @param placeholder the directory uploaded while the site is not built
     * @param logRetention retention of the site's logs
     * @param removal what {@code cdk destroy} does to the buckets
     */
    public record Props(StackProps stack, SiteConfig site, Path placeholder, LogRetention logRetention, RemovalPolicy removal) {
    }

    public SiteStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        Path content = props.site().builtSite().orElse(props.placeholder());
        if (props.site().builtSite().isEmpty()) {
            Annotations.of(this).addWarning("site/ is not built (" + props.site().buildDir() + " has no index.html): "
                    + "deploying the placeholder page from " + props.placeholder());
        }
        site = new StaticSite(this, "Site", new StaticSite.Props(content, props.site().domainName(),
                props.site().certificateArn(), props.site().builtSite().isPresent() ? StaticSite.Props.cspFor(content)
                        : StaticSite.Props.DEFAULT_CSP, props.logRetention(), props.removal()));
        origin = site.origin(props.site().domainName());
        CfnOutput.Builder.create(this, "SiteUrl").value(origin).description("The runbooks and console").build();
    }

    public StaticSite site() {
        return site;
    }

    /** {@code https://<site domain>}: the one origin the API answers CORS requests from. */
    public String origin() {
        return origin;
    }
}
