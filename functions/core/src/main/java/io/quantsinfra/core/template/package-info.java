/**
 * Alert and notification templates written as Go templates, the way Prometheus rule files and Alertmanager
 * configs write them ({@code {{ $labels.service }}}, {@code {{ $value | humanizePercentage }}},
 * {@code {{ range .Alerts }}...{{ end }}}), parsed into a tree and interpreted directly: template text is only
 * ever text and data only ever data. Every render works within {@link io.quantsinfra.core.template.TemplateLimits};
 * unsupported constructs and compile-time limits are refused when the template is compiled.
 */
package io.quantsinfra.core.template;
