package io.quantsinfra.core.routing;

/** The message templates used when a receiver's config gives none, close to Alertmanager's defaults. */
public final class DefaultTemplates {
    private DefaultTemplates() {}

    /** {@code [FIRING:2] HighCpu} */
    public static final String TITLE = "[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}"
            + "{{ end }}] {{ .CommonLabels.alertname }}";

    /** One line per alert: summary (or description, or alert name), with its runbook. */
    public static final String TEXT = "{{ range .Alerts }}{{ if eq .Status \"resolved\" }}[resolved] {{ end }}"
            + "{{ if .Annotations.summary }}{{ .Annotations.summary }}{{ else if .Annotations.description }}"
            + "{{ .Annotations.description }}{{ else }}{{ .Labels.alertname }}{{ end }}"
            + "{{ if .Annotations.runbook_url }} (runbook: {{ .Annotations.runbook_url }}){{ end }}\n{{ end }}";

    /** Telegram: title line, then the alerts. */
    public static final String TELEGRAM = TITLE + "\n" + TEXT;

    /** Email body: title, then each alert with its labels and annotations. */
    public static final String EMAIL_TEXT = TITLE + "\n\n{{ range .Alerts }}{{ .Status | toUpper }} {{ .Labels.alertname }}\n"
            + "{{ range $k, $v := .Labels }}  {{ $k }} = {{ $v }}\n{{ end }}"
            + "{{ range $k, $v := .Annotations }}  {{ $k }}: {{ $v }}\n{{ end }}\n{{ end }}";

    /** PagerDuty severity: the alerts' common severity label if it is one PagerDuty knows, else critical. */
    public static final String PAGERDUTY_SEVERITY = "{{ if .CommonLabels.severity }}{{ .CommonLabels.severity | toLower }}"
            + "{{ else }}critical{{ end }}";
}
