/** The API's own documentation: the generated OpenAPI document. */
package io.quantsinfra.api.docs;
