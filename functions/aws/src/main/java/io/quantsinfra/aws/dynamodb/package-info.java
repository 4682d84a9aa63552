/**
 * DynamoDB: everything the control plane stores, in one table ({@link io.quantsinfra.aws.dynamodb.StateTable})
 * with a store per port: deployment history and deployed configs ({@link io.quantsinfra.aws.dynamodb.DynamoDbStateStore}),
 * rule files ({@link io.quantsinfra.aws.dynamodb.DynamoDbRuleStore}), the routing config
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbRoutingConfigStore}), alert states
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbAlertStore}), silences ({@link io.quantsinfra.aws.dynamodb.DynamoDbSilenceStore}),
 * the notification log ({@link io.quantsinfra.aws.dynamodb.DynamoDbNotificationLog}), endpoint stats
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbEndpointStats}), the evaluation lease
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbLease}), scrape targets
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbScrapeTargetStore}) and the job queue
 * ({@link io.quantsinfra.aws.dynamodb.DynamoDbJobStore}). Conditional writes where the port promises
 * exactly-once or no lost update; item sizes counted as DynamoDB counts them ({@code ItemSize}).
 */
package io.quantsinfra.aws.dynamodb;
