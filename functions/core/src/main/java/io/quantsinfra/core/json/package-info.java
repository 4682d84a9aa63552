/**
 * Canonical JSON out: {@link io.quantsinfra.core.json.Json} writes maps, lists, strings, numbers and booleans
 * with sorted keys and no whitespace, so equal documents give equal text (task specs compare by text to detect
 * unchanged deploys; rendered Prometheus and Grafana files are stable), and quotes a string as a JSON literal
 * for messages. Used by the catalog (task specs, schema messages), monitor (Prometheus config, rule files),
 * notify (webhook, Slack, Telegram, PagerDuty bodies), routing, rule and job. Reading JSON is the edges' business
 * (Jackson in the API and CLI); core only writes.
 */
package io.quantsinfra.core.json;
