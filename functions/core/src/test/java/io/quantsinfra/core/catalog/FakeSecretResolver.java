package io.quantsinfra.core.catalog;

import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory secret store. It holds values (so tests can assert that none reaches a task spec) and
 * answers valueFroms in the shape ECS takes: {@code <arn>} or {@code <arn>:<jsonKey>::}.
 */
final class FakeSecretResolver implements SecretResolver {
    static final String ARN_PREFIX = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:quants-infra/";

    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private final List<String> generated = new ArrayList<>();

    FakeSecretResolver put(String name, String jsonKey, String value) {
        secrets.computeIfAbsent(name, n -> new HashMap<>()).put(jsonKey, value);
        return this;
    }

    /** Every stored value, for "no secret in the spec" assertions. */
    List<String> values() {
        return secrets.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    List<String> generatedNames() {
        return List.copyOf(generated);
    }

    @Override
    public String valueFrom(SecretRef ref) {
        Map<String, String> s = secrets.get(ref.name());
        if (s == null || (ref.jsonKey() != null && !s.containsKey(ref.jsonKey()))) {
            throw new NotFoundException("no secret " + ref.name() + (ref.jsonKey() == null ? "" : " with key " + ref.jsonKey()));
        }
        return ARN_PREFIX + ref.name() + (ref.jsonKey() == null ? "" : ":" + ref.jsonKey() + "::");
    }

    @Override
    public String generatedValueFrom(String name, int length) {
        if (!generated.contains(name)) {
            generated.add(name);
            secrets.computeIfAbsent(name, n -> new HashMap<>()).put(null, "g3nErated-" + "x".repeat(length - 10));
        }
        return ARN_PREFIX + name;
    }
}
