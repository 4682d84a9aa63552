/**
 * The service catalogue: {@code freqtrade}, {@code data-collector} and {@code monitor}, each with typed,
 * validated config (the schema language is in {@code catalog.schema}), defaults, the task it runs as, the
 * secret references it takes and the endpoints that tell its health. Every service's task follows the
 * same rules (family and log stream prefix = instance id, catalogue tags, a memory reservation on every
 * container, Fargate cpu/memory via {@link io.quantsinfra.core.catalog.TaskSize}) and is deterministic,
 * so equal inputs give equal task specs. docs/services.md is the reference for users.
 */
package io.quantsinfra.core.catalog;
