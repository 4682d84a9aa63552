/** SES: alert email. */
package io.quantsinfra.aws.ses;
