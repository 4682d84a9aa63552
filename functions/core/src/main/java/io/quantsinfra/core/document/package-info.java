/**
 * Limits on the documents the control plane stores whole (rule files, the routing config): their size counted
 * the way DynamoDB counts an item ({@link io.quantsinfra.core.document.DocumentLimits}) and their nesting, so an
 * oversized document is refused as bad input before anything is written instead of failing in the store.
 */
package io.quantsinfra.core.document;
