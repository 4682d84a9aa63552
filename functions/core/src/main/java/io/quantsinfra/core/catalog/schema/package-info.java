/**
 * A small schema language for service config documents (JSON or YAML parsed to maps, lists, strings,
 * numbers and booleans): typed keys, defaults, ranges, patterns, free-form sections and secret references.
 * A {@link io.quantsinfra.core.catalog.schema.Node} checks a raw value and returns its normalized form, or
 * throws an {@link io.quantsinfra.core.error.InvalidInputException} naming the JSON path
 * ({@code exchange.pair_whitelist[2]}). Messages never carry a secret-looking value.
 */
package io.quantsinfra.core.catalog.schema;
