package io.quantsinfra.aws.secretsmanager;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.secret.AlertingSecrets;
import io.quantsinfra.core.routing.SecretValues;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretValue;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads receiver credentials, only secrets named {@code alerting/…} (see {@link AlertingSecrets}), at send time: the secret {@code <prefix><name>}'s current value, or one key of it
 * when it is a JSON object. Values go only to the caller; messages name the secret and key, never the value.
 */
public final class SecretsManagerValues implements SecretValues {
    private final SecretsManagerClient sm;
    private final String prefix;

    public SecretsManagerValues(SecretsManagerClient sm, String prefix) {
        this.sm = sm;
        this.prefix = prefix;
    }

    @Override
    public SecretValue value(SecretRef ref) {
        if (!AlertingSecrets.isAlerting(ref.name())) {
            // The evaluation function's IAM policy would refuse it too; this says why without a call.
            throw new InvalidInputException("secretRef", "secret " + ref.name() + " is not meant for alerting (only "
                    + AlertingSecrets.PREFIX + "… may be read for notifications); it was not read");
        }
        String text = AwsErrors.call("read secret " + ref.name(), () -> {
            try {
                return sm.getSecretValue(r -> r.secretId(prefix + ref.name()).versionStage("AWSCURRENT")).secretString();
            } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
                throw new NotFoundException("secret " + ref.name() + " does not exist");
            }
        });
        if (text == null) {
            throw new NotFoundException("secret " + ref.name() + " has no text value");
        }
        if (ref.jsonKey() == null) {
            return SecretValue.of(text);
        }
        JsonNode node;
        try {
            node = JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw new NotFoundException("secret " + ref.name() + " is not a JSON object, so it has no key " + ref.jsonKey());
        }
        if (!node.isObject() || !node.asObject().containsKey(ref.jsonKey())) {
            throw new NotFoundException("secret " + ref.name() + " has no JSON key " + ref.jsonKey());
        }
        JsonNode v = node.asObject().get(ref.jsonKey());
        return SecretValue.of(v.isString() ? v.asString() : v.text());
    }
}
