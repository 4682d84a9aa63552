package io.quantsinfra.api.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsWiring;
import io.quantsinfra.core.secret.SecretService;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets Manager rotation Lambda for secrets quants-infra generated (Grafana's admin password,
 * Freqtrade's API password and JWT secret): the four steps Secrets Manager calls, {@code createSecret},
 * {@code setSecret}, {@code testSecret}, {@code finishSecret}, so rotation can run on a schedule. The steps are
 * core's ({@code SecretService.rotationStep}, the same state machine the API's rotate uses): the last one also gives
 * the instances that read the secret a new deployment and leaves their rollout to be judged by the scheduled health
 * probe, which reverts the rotation if a rollout is rolled back (a Lambda cannot wait minutes for ECS).
 *
 * <p>Handler string: {@code io.quantsinfra.api.rotation.SecretsRotationHandler::handleRequest}.
 */
public final class SecretsRotationHandler implements RequestHandler<Map<String, String>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsRotationHandler.class);
    /** The actor the history names for restarts a scheduled rotation makes. */
    static final String ACTOR = "secrets-manager-rotation";
    private final AwsWiring wiring;
    private final SecretService secrets;

    /** Lambda's entry: settings from the environment. */
    public SecretsRotationHandler() {
        this(AwsSettings.from(System.getenv()));
    }

    /** Against explicit settings (tests, local mode). */
    public SecretsRotationHandler(AwsSettings settings) {
        this(settings, java.util.List.of());
    }

    /** With {@code interceptors} on every AWS client (tests record the calls the rotation Lambda makes). */
    public SecretsRotationHandler(AwsSettings settings, java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        this.wiring = AwsWiring.builder(settings).interceptors(interceptors).build();
        this.secrets = wiring.secretService();
    }

    /** The shared wiring this handler draws from (the handlers' wiring must agree: {@code WiringAgreementTest}). */
    public AwsWiring wiring() {
        return wiring;
    }

    @Override
    public Void handleRequest(Map<String, String> event, Context context) {
        String secretId = event.get("SecretId");
        String token = event.get("ClientRequestToken");
        String step = event.get("Step");
        LOG.info("rotation step {} for {} (version {})", step, secretId, token);
        secrets.rotationStep(step, secretId, token, ACTOR);
        return null;
    }
}
