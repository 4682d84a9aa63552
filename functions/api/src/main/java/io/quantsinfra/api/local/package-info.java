/** Local mode: the Lambda handler served over HTTP on loopback against a prepared emulated account. */
package io.quantsinfra.api.local;
