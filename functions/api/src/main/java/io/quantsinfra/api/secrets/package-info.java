/** Secret endpoints: put, get, list, reveal (audited), rotate, revert, delete, restore. */
package io.quantsinfra.api.secrets;
