package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The control plane of the default app: one fact per test. */
class ControlPlaneTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template("ControlPlane");

    @Test
    void everyJavaLambda_runsOnJava25() {
        List<TemplateWalk.Resource> java = javaFunctions(app);
        assertFalse(java.isEmpty());
        java.forEach(f -> assertEquals("java25", f.properties().get("Runtime"), f.toString()));
    }

    @Test
    void everyJavaLambda_hasSnapStartOnPublishedVersions() {
        javaFunctions(app).forEach(f -> assertEquals(Map.of("ApplyOn", "PublishedVersions"), f.properties().get("SnapStart"),
                f.toString()));
    }

    @Test
    void apiFunction_runsTheApiHandlerFromTheLambdaJar() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlaneStack.API_HANDLER, "Runtime", "java25")));
    }

    @Test
    void apiAlias_pointsAtThePublishedCurrentVersion() {
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "Name", "live", "FunctionVersion", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
    }

    @Test
    void httpApi_integratesWithTheAliasNotTheUnpublishedFunction() {
        String api = template.findResources("AWS::Lambda::Function", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Handler", ControlPlaneStack.API_HANDLER))))).keySet().iterator().next();
        String alias = template.findResources("AWS::Lambda::Alias", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("FunctionName", Map.of("Ref", api)))))).keySet().iterator().next();
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Match.objectLike(Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0", "IntegrationUri", Map.of("Ref", alias))));
    }

    @Test
    void everyHttpRoute_requiresAwsIam() {
        List<TemplateWalk.Resource> routes = TemplateWalk.resources(app, "AWS::ApiGatewayV2::Route");
        assertFalse(routes.isEmpty());
        routes.forEach(r -> assertEquals("AWS_IAM", r.properties().get("AuthorizationType"), r.toString()));
    }

    @Test
    void httpStage_throttlesRateAndBurst() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20))));
    }

    @Test
    void httpStage_writesJsonAccessLogs() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp("^\\{\"requestId\".*"))))));
    }

    @Test
    void cors_allowsOnlyTheSiteOrigin() {
        Object origins = TemplateWalk.at(TemplateWalk.resources(app, "AWS::ApiGatewayV2::Api").getFirst().properties(),
                "CorsConfiguration", "AllowOrigins");
        assertTrue(origins instanceof List<?> l && l.size() == 1, "one origin: " + origins);
        String rendered = String.valueOf(((List<?>) origins).getFirst());
        assertTrue(rendered.contains("https://") && rendered.contains("SiteDistribution") && rendered.contains("DomainName"), rendered);
    }

    @Test
    void apiFunction_runsInTheVpcInGatewayMode() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlaneStack.API_HANDLER,
                "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue())))));
    }

    @Test
    void scheduledJobs_runTheRealHandlersFromTheScheduledJar_everyMinute() {
        // three schedules (alert evaluation, health probe, job dispatch) and the job events' ECS rule
        template.resourceCountIs("AWS::Events::Rule", 4);
        for (String handler : List.of(io.quantsinfra.cdk.stacks.ScheduledJob.ALERT_EVALUATION_HANDLER,
                io.quantsinfra.cdk.stacks.ScheduledJob.HEALTH_PROBE_HANDLER, io.quantsinfra.cdk.stacks.ScheduledJob.JOB_DISPATCH_HANDLER,
                io.quantsinfra.cdk.stacks.ScheduledJob.JOB_EVENTS_HANDLER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", handler, "Runtime", "java25",
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        }
        assertEquals(3, template.findResources("AWS::Events::Rule", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)"))))).size());
    }

    @Test
    void apiEndpoint_isAnOutput() {
        template.hasOutput("ApiEndpoint", Match.objectLike(Map.of("Value", Match.anyValue())));
    }

    static List<TemplateWalk.Resource> javaFunctions(SynthesizedApp app) {
        return TemplateWalk.resources(app, "AWS::Lambda::Function").stream()
                .filter(f -> String.valueOf(f.properties().get("Handler")).contains("::")).toList();
    }
}
