/** DynamoDB: the control plane's own state (deployment history, deployed configs). */
package io.quantsinfra.aws.dynamodb;
