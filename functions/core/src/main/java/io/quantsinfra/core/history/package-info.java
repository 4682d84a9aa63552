/** The control plane's own records: deployment history and the config each service was deployed with. */
package io.quantsinfra.core.history;
