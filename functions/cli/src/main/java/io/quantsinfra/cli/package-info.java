/**
 * The {@code quants-infra} command: {@code commands} (one class per command), {@code http} (the API client,
 * SigV4, problem+json to exit codes) and {@code config} (reading JSON and YAML config files).
 */
package io.quantsinfra.cli;
