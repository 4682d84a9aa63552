/** Email: the rendered subject and body handed to the {@link io.quantsinfra.core.notify.email.EmailSender} port (SES). */
package io.quantsinfra.core.notify.email;
