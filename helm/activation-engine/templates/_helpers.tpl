{{/*
Chart name, overridable so several engines can share a namespace under different names.
*/}}
{{- define "activation-engine.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full resource name. Truncated to 52 characters rather than 63: the StatefulSet adds a pod ordinal and the
controller-revision-hash label adds about ten more characters, and both must stay within label limits.
*/}}
{{- define "activation-engine.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of the headless Service that gives every pod a stable DNS name; it is the StatefulSet's serviceName.
*/}}
{{- define "activation-engine.headlessServiceName" -}}
{{- printf "%s-headless" (include "activation-engine.fullname" .) }}
{{- end }}

{{- define "activation-engine.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "activation-engine.labels" -}}
helm.sh/chart: {{ include "activation-engine.chart" . }}
{{ include "activation-engine.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select the engine's pods; they must never change between releases, or upgrades fail.
*/}}
{{- define "activation-engine.selectorLabels" -}}
app.kubernetes.io/name: {{ include "activation-engine.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "activation-engine.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "activation-engine.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "activation-engine.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Paths inside the container. Secrets live outside /etc/activation-engine because that directory is a
read-only projected volume in which the kubelet cannot create further mount points.
*/}}
{{- define "activation-engine.configDir" -}}/etc/activation-engine{{- end }}
{{- define "activation-engine.stateDir" -}}/var/lib/activation-engine/state{{- end }}
{{- define "activation-engine.kafkaTlsDir" -}}/etc/activation-engine-secrets/kafka-tls{{- end }}
{{- define "activation-engine.schemaRegistryTlsDir" -}}/etc/activation-engine-secrets/schema-registry-tls{{- end }}

{{/*
Refuses value combinations that would deploy an engine that cannot work, with a message saying what to set.
The JSON schema checks types and ranges; this checks what the schema cannot express.
*/}}
{{- define "activation-engine.validateValues" -}}
{{- if not .Values.kafka.bootstrapServers }}
{{- fail (print "kafka.bootstrapServers is empty: set it to your Kafka cluster, "
  "e.g. --set kafka.bootstrapServers=kafka:9092. Without it the engine would start its embedded broker, "
  "which is for local use only and loses all data on restart.") }}
{{- end }}
{{- if not .Values.schemaRegistry.url }}
{{- fail (print "schemaRegistry.url is empty: set it to the Schema Registry holding the topics' Avro schemas, "
  "e.g. --set schemaRegistry.url=http://schema-registry:8081.") }}
{{- end }}
{{- if and (not .Values.playbook) (not .Values.existingPlaybookConfigMap) }}
{{- fail (print "No playbook: set playbook (e.g. --set-file playbook=playbook.yaml) "
  "or existingPlaybookConfigMap to a ConfigMap holding one.") }}
{{- end }}
{{- $shutdown := int .Values.engine.shutdownTimeoutSeconds }}
{{- $grace := int .Values.terminationGracePeriodSeconds }}
{{- if ge $shutdown $grace }}
{{- fail (printf "%s (%d) must be lower than %s (%d): %s"
  "engine.shutdownTimeoutSeconds" $shutdown "terminationGracePeriodSeconds" $grace
  (print "otherwise Kubernetes kills the engine before Kafka Streams has closed and the next start may "
    "restore state from scratch. Raise terminationGracePeriodSeconds.")) }}
{{- end }}
{{- if and .Values.kafka.tls.existingSecret (not .Values.kafka.tls.truststoreKey) }}
{{- fail (print "kafka.tls.existingSecret is set but kafka.tls.truststoreKey is empty: "
  "name the key of the truststore file in that Secret.") }}
{{- end }}
{{- if and .Values.http.bearerToken.existingSecret (not .Values.http.bearerToken.key) }}
{{- fail (print "http.bearerToken.existingSecret is set but http.bearerToken.key is empty: "
  "name the key of the token in that Secret.") }}
{{- end }}
{{- if and .Values.schemaRegistry.tls.existingSecret (not .Values.schemaRegistry.tls.truststoreKey) }}
{{- fail (print "schemaRegistry.tls.existingSecret is set but schemaRegistry.tls.truststoreKey is empty: "
  "name the key of the truststore file in that Secret.") }}
{{- end }}
{{- end }}
