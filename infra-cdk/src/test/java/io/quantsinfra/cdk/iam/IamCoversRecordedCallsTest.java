package io.quantsinfra.cdk.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.SynthesizedApp;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import io.quantsinfra.cdk.stacks.ScheduledJob;
import io.quantsinfra.aws.FunctionCallLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every AWS operation a control-plane function made across the test suite (functions/api, functions/scheduled,
 * functions/e2e, recorded by FunctionCallLog) is allowed by that function's role in the synthesized templates.
 * The reactor builds this module after those, so the logs exist; when they do not, the test fails and says why.
 */
public class IamCoversRecordedCallsTest {
    static final List<IamCheck.Function> FUNCTIONS = List.of(
            new IamCheck.Function("api", "Api", ControlPlaneStack.API_HANDLER),
            new IamCheck.Function("alert-evaluation", ScheduledJob.ALERT_EVALUATION, ScheduledJob.ALERT_EVALUATION_HANDLER),
            new IamCheck.Function("health-probe", "HealthProbe", ScheduledJob.HEALTH_PROBE_HANDLER),
            new IamCheck.Function("rotation", ControlPlaneStack.Rotation.ID, ScheduledJob.SECRET_ROTATION_HANDLER),
            new IamCheck.Function("job-dispatch", ScheduledJob.JOB_DISPATCH, ScheduledJob.JOB_DISPATCH_HANDLER),
            new IamCheck.Function("job-events", ControlPlaneStack.JOB_EVENTS, ScheduledJob.JOB_EVENTS_HANDLER));

    /** Where surefire tells FunctionCallLog to write ({@code <repo>/target/aws-calls}). */
    public static Path callsDir() {
        String dir = System.getProperty(FunctionCallLog.DIRECTORY_PROPERTY);
        return dir != null ? Path.of(dir) : SynthesizedApp.MODULE.getParent().resolve("target/aws-calls");
    }

    @Test
    void standardApp_everyRoleAllowsWhatItsFunctionWasSeenToCall() {
        IamCheck check = new IamCheck("standard", SynthesizedApp.standard(), callsDir(), FUNCTIONS);
        System.out.print(check.report());
        assertTrue(check.passed(), check.report());
    }

    @Test
    void variantApp_withAlertEmail_everyRoleAllowsWhatItsFunctionWasSeenToCall() {
        IamCheck check = new IamCheck("variant", SynthesizedApp.variant(), callsDir(), FUNCTIONS);
        System.out.print(check.report());
        assertTrue(check.passed(), check.report());
    }

    @Test
    void standardApp_eachCheckedLambdaRunsTheRecordedFunctionsHandler() {
        IamCheck check = new IamCheck("standard", SynthesizedApp.standard(), callsDir(), FUNCTIONS);
        check.results().forEach(r -> assertEquals(r.function().handler(), r.role().handler(), r.function().name()));
    }
}
