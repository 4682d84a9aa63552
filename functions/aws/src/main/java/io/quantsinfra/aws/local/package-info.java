/** Local mode: preparing an emulated AWS account like the CDK stack prepares a real one. */
package io.quantsinfra.aws.local;
