package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cdk.constructs.IamHttpApi;
import io.quantsinfra.cdk.constructs.LambdaArtifact;
import io.quantsinfra.cdk.constructs.ScheduledFunction;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Constructs validate their props before CDK sees them (no synth needed). */
class ConstructPropsTest {

    @Test
    void lambdaArtifact_missingJar_namesTheBuildCommand() {
        QuantsInfraCdkException e = assertThrows(LambdaArtifact.MissingArtifactException.class,
                () -> LambdaArtifact.require(Path.of("/nowhere/quants-infra-api-lambda.jar"), ControlPlaneStack.API_HANDLER));
        assertTrue(e.getMessage().contains("./mvnw -q -B -DskipTests -pl functions/api -am package"), e.getMessage());
    }

    @Test
    void lambdaArtifact_refusesAHandlerWithoutMethod() {
        assertThrows(QuantsInfraCdkException.class, () -> new LambdaArtifact(Path.of("x.jar"), "io.quantsinfra.api.ApiHandler"));
    }

    @Test
    void lambdaArtifact_reportsAnAbsentHandlerClass() {
        Path jar = QuantsInfraApp.repositoryRoot().resolve("functions/api/target/quants-infra-api-lambda.jar");
        assertTrue(!LambdaArtifact.has(jar, "io.quantsinfra.scheduled.NoSuchHandler::handleRequest"));
    }

    @Test
    void httpApi_refusesAWildcardCorsOrigin() {
        assertThrows(QuantsInfraCdkException.class, () -> new IamHttpApi.Props("api", null, 10, 20, List.of("*"), null, null));
    }

    @Test
    void httpApi_refusesAPlainHttpCorsOrigin() {
        assertThrows(QuantsInfraCdkException.class,
                () -> new IamHttpApi.Props("api", null, 10, 20, List.of("http://example.com"), null, null));
    }

    @Test
    void schedule_refusesACronExpression() {
        assertThrows(QuantsInfraCdkException.class,
                () -> new ScheduledFunction.Props(null, "cron(* * * * ? *)", Map.of("job", "x")));
    }

    @Test
    void schedule_refusesAPluralUnitForOne() {
        assertThrows(QuantsInfraCdkException.class, () -> new ScheduledFunction.Props(null, "rate(1 minutes)", Map.of("job", "x")));
    }
}
