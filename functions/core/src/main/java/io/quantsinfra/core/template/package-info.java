/**
 * Alert and notification templates written as Go templates, the way Prometheus rule files and Alertmanager
 * configs write them ({@code {{ $labels.service }}}, {@code {{ $value | humanizePercentage }}},
 * {@code {{ range .Alerts }}...{{ end }}}), rendered with Pebble: a translator turns the supported Go-template
 * subset into a Pebble template, whose functions implement Prometheus's ({@code humanize},
 * {@code humanizeDuration}, ...). Unsupported constructs are refused when the template is compiled.
 */
package io.quantsinfra.core.template;
