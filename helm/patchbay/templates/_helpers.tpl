{{/* Chart name, truncated to the 63-character DNS label limit. */}}
{{- define "patchbay.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, suffixed with the chart name unless it contains it. */}}
{{- define "patchbay.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels that select the pods; must never change between upgrades. */}}
{{- define "patchbay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "patchbay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Common labels for every resource. */}}
{{- define "patchbay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "patchbay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Secret holding PATCHBAY_MASTER_KEY and PATCHBAY_DB_PASSWORD. */}}
{{- define "patchbay.secretName" -}}
{{- default (include "patchbay.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* Headless Service giving each pod a stable DNS name. */}}
{{- define "patchbay.headlessName" -}}
{{- printf "%s-pods" (include "patchbay.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
