/** The CLI's HTTP side: the API client, SigV4 signing, and error-to-exit-code mapping. */
package io.quantsinfra.cli.http;
