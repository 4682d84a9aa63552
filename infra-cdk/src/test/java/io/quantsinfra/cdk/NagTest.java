package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/** cdk-nag's AwsSolutions pack runs over the whole app (an aspect added by {@link QuantsInfraApp#wire}). */
class NagTest {

    @Test
    void awsSolutions_leavesNoUnacknowledgedFinding_inTheDefaultApp() {
        List<String> findings = findings(SynthesizedApp.standard());
        assertEquals(List.of(), findings, String.join("\n", findings));
    }

    @Test
    void awsSolutions_leavesNoUnacknowledgedFinding_inTheOtherConfigurations() {
        List<String> findings = findings(SynthesizedApp.variant());
        assertEquals(List.of(), findings, String.join("\n", findings));
    }

    /** Errors and warnings left on the stacks (synth itself fails on errors, with the validation report). */
    private static List<String> findings(SynthesizedApp app) {
        List<String> findings = new ArrayList<>();
        for (CloudFormationStackArtifact stack : app.artifacts()) {
            for (SynthesisMessage m : stack.getMessages()) {
                if (m.getLevel() == SynthesisMessageLevel.ERROR || m.getLevel() == SynthesisMessageLevel.WARNING) {
                    findings.add(m.getLevel() + " " + m.getId() + ": " + m.getEntry().getData());
                }
            }
        }
        return findings;
    }
}
