package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.routing.SecretValues;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretValue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Secret values in memory, keyed {@code name} or {@code name#jsonKey}. */
public final class InMemorySecretValues implements SecretValues {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public InMemorySecretValues put(String name, String jsonKey, String value) {
        values.put(jsonKey == null ? name : name + "#" + jsonKey, value);
        return this;
    }

    @Override
    public SecretValue value(SecretRef ref) {
        String v = values.get(ref.jsonKey() == null ? ref.name() : ref.name() + "#" + ref.jsonKey());
        if (v == null) {
            throw new NotFoundException("secret " + ref.name() + (ref.jsonKey() == null ? "" : " key " + ref.jsonKey()) + " not found");
        }
        return SecretValue.of(v);
    }
}
