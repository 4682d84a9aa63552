/** Monitor endpoints: scrape targets and the rendered Prometheus configuration. */
package io.quantsinfra.api.monitor;
