/** PagerDuty Events API v2: trigger and resolve with a dedup key per group. */
package io.quantsinfra.core.notify.pagerduty;
