#!/usr/bin/env bash
# Validates the deployment files without Docker or a cluster (toolchain-notes.md: no Docker engine
# here). Run from anywhere: `bash deploy/check.sh`. Needs node (with the repo's node_modules),
# promtool and nats-server (`apt-get install -y prometheus nats-server`); amtool, kubectl and
# docker-compose (`apt-get install -y prometheus-alertmanager kubectl docker-compose`) add checks
# and are reported as skipped when absent (set CHECK_STRICT=1 to fail instead).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step() { printf '== %s\n' "$*"; }
require() {
  command -v "$1" >/dev/null 2>&1 || { echo "deploy/check.sh: $1 not found (apt-get install -y $2)" >&2; exit 1; }
}
optional() {
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  if [[ "${CHECK_STRICT:-0}" == 1 ]]; then echo "deploy/check.sh: $1 not found (apt-get install -y $2)" >&2; exit 1; fi
  echo "   SKIPPED: $1 not installed (apt-get install -y $2)"
  return 1
}

require node nodejs
require promtool prometheus
require nats-server nats-server

step 'YAML parses; compose, NATS, Kubernetes and env variables agree'
node deploy/check.mjs "$tmp"

step 'Prometheus configuration and rules'
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/rules/*.yml

step 'Prometheus rule unit tests (every rule)'
promtool test rules deploy/prometheus/tests/*.yml

step 'Every dashboard panel query parses as PromQL'
promtool check rules "$tmp/panel-queries.yml"

step 'NATS configuration (dummy passwords)'
env $(cat "$tmp/nats.env") nats-server -c deploy/nats/nats.conf -t

step 'Alertmanager configuration and routing'
if optional amtool prometheus-alertmanager; then
  amtool check-config deploy/alertmanager/alertmanager.yml
  route() {
    local got
    got="$(amtool config routes test --config.file=deploy/alertmanager/alertmanager.yml "${@:2}" 2>/dev/null)"
    [[ "$got" == "$1" ]] || { echo "alert ${*:2} routes to $got, expected $1" >&2; exit 1; }
    echo "   ${*:2} -> $got"
  }
  route leadership-email audience=leadership severity=critical alertname=CchcLateDossierWithoutApology
  route operations-email audience=operations severity=critical alertname=CchcServiceDown
  route operations-email audience=operations severity=warning alertname=CchcConsumerBacklog
fi

step 'Kubernetes manifests build (kustomize)'
if optional kubectl kubectl; then
  kubectl kustomize deploy/k8s/base >"$tmp/k8s.yml"
  echo "   $(grep -c '^kind:' "$tmp/k8s.yml") objects"
fi

step 'docker-compose.yml (interpolation and schema, docker-compose 1.29 on a v1-compatible copy)'
if optional docker-compose docker-compose; then
  docker-compose --project-directory . --env-file "$tmp/compose.env" -f "$tmp/compose.v1.yml" config -q
  docker-compose --project-directory . --env-file "$tmp/compose.env" -f "$tmp/compose.v1.yml" --profile demo config --services | sort | tr '\n' ' '
  echo
fi

echo 'deploy/check.sh: all checks passed'
