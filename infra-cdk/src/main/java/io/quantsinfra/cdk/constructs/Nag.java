package io.quantsinfra.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Acknowledges a cdk-nag finding on one construct (not its children), with the reason; {@code appliesTo}
 * narrows it further to the findings' named parts (for example {@code Resource::*}); a part written
 * {@code /regex/} is matched as a regular expression (for names that contain another stack's tokens).
 */
public final class Nag {
    private Nag() {
    }

    public static void acknowledge(IConstruct construct, String ruleId, String reason, String... appliesTo) {
        acknowledge(construct, false, ruleId, reason, appliesTo);
    }

    /** As {@link #acknowledge}, also for the construct's children (for a generated construct whose parts CDK owns). */
    public static void acknowledgeWithChildren(IConstruct construct, String ruleId, String reason, String... appliesTo) {
        acknowledge(construct, true, ruleId, reason, appliesTo);
    }

    private static void acknowledge(IConstruct construct, boolean children, String ruleId, String reason, String... appliesTo) {
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(ruleId).reason(reason);
        if (appliesTo.length > 0) {
            b.appliesTo(Arrays.stream(appliesTo).map(Nag::appliesTo).toList());
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(b.build()), children);
    }

    private static Object appliesTo(String part) {
        return part.length() > 2 && part.startsWith("/") && part.endsWith("/")
                ? RegexAppliesTo.builder().regex(part).build() : part;
    }
}
