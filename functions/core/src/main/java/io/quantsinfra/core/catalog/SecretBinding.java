package io.quantsinfra.core.catalog;

import io.quantsinfra.core.secret.SecretRef;

/**
 * A secret reference found in a service config and where it goes: the environment variable ECS fills
 * from Secrets Manager in one container of the task.
 *
 * {@snippet :
 * // exchange.secret -> freqtrade container, FREQTRADE__EXCHANGE__SECRET, SecretRef[binance-main, secret]
 * List<SecretBinding> bindings = catalog.get("freqtrade").secretBindings(config);
 * }
 *
 * @param field JSON path of the key in the config, e.g. {@code exchange.secret}
 * @param container container name in the task
 * @param environmentVariable the variable ECS sets, e.g. {@code FREQTRADE__EXCHANGE__SECRET}
 * @param ref the referenced secret
 */
public record SecretBinding(String field, String container, String environmentVariable, SecretRef ref) {}
