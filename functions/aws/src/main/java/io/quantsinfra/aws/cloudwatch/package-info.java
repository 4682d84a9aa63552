/** CloudWatch metrics: series discovery (ListMetrics), batched reads (GetMetricData) and writes (PutMetricData). */
package io.quantsinfra.aws.cloudwatch;
