#!/usr/bin/env bash
# The main job on a fresh machine: brings up the local Kubernetes cluster, builds the images and the
# operator, installs the CRD, runs the operator as a local process, applies the 3-step sample and shows
# `kubectl get sjob` progress until it finishes, then its steps and events, and stops the operator.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ns=kueueleuleu-demo
sample=config/samples/sequentialjob-three-steps.yaml
name=three-steps
listen=127.0.0.1:18080

echo "== cluster (hack/cluster/up.sh)"
bash hack/cluster/up.sh >/dev/null
export KUBECONFIG=/var/lib/kueueleuleu-cluster/admin.kubeconfig

echo "== images (hack/images.sh), imported into the node"
bash hack/images.sh
bash hack/cluster/import-image.sh docker.io/kueueleuleu/entrypoint:0.1.0 localhost/busybox:local

echo "== CRD"
# kubectl validates client-side against the 1.20 server's schema, which has no x-kubernetes-validations.
kubectl apply --validate=false -f config/crd/kueueleuleu.io_sequentialjobs.yaml
kubectl wait --for=condition=Established crd/sequentialjobs.kueueleuleu.io --timeout=60s >/dev/null

echo "== operator"
dotnet build src/Operator -c Release -o artifacts/operator --nologo -v quiet >/dev/null
log=$(mktemp --suffix=.log)
dotnet artifacts/operator/kueueleuleu-operator.dll --kubeconfig "$KUBECONFIG" --namespaces "$ns" --listen-address "$listen" >"$log" 2>&1 &
operator=$!
stop_operator() {
  if kill -0 "$operator" 2>/dev/null; then
    kill -TERM "$operator"
    wait "$operator" || true
  fi
}
trap 'stop_operator; rm -f "$log"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://$listen/readyz" >/dev/null 2>&1 && break
  kill -0 "$operator" 2>/dev/null || { cat "$log"; echo "the operator exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://$listen/readyz" || { cat "$log"; exit 1; }

echo "== kubectl apply -f $sample (namespace $ns)"
kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
# Foreground: return only once the old run's Job is gone too, or the new SequentialJob would find its name taken.
kubectl -n "$ns" delete sjob "$name" --ignore-not-found --cascade=foreground --wait=true >/dev/null
kubectl -n "$ns" apply -f "$sample"

echo "== kubectl get sjob (every second until it finishes)"
last=""
for _ in $(seq 1 180); do
  row=$(kubectl -n "$ns" get sjob "$name" --no-headers 2>/dev/null || true)
  if [[ -n $row && $row != "$last" ]]; then
    [[ -n $last ]] || kubectl -n "$ns" get sjob "$name" | sed -n 1p
    echo "$row"
    last=$row
  fi
  phase=$(kubectl -n "$ns" get sjob "$name" -o jsonpath='{.status.phase}' 2>/dev/null || true)
  [[ $phase == Succeeded || $phase == Failed ]] && break
  sleep 1
done
kubectl -n "$ns" wait --for=condition=Complete "sjob/$name" --timeout=10s

echo
echo "== steps"
kubectl -n "$ns" get sjob "$name" -o jsonpath='{range .status.steps[*]}{.name}{"\t"}{.state}{"\t"}{.startedAt}{"\t"}{.finishedAt}{"\texit "}{.exitCode}{"\n"}{end}'
echo
echo "== events"
# By UID: Events of earlier demo runs (a SequentialJob of the same name) stay for an hour.
uid=$(kubectl -n "$ns" get sjob "$name" -o jsonpath='{.metadata.uid}')
kubectl -n "$ns" get events --field-selector "involvedObject.uid=$uid" --sort-by=.lastTimestamp
echo
echo "== metrics (excerpt)"
curl -fsS "http://$listen/metrics" | grep -E '^kueueleuleu_operator_(runs_finished|controller_reconciles|jobs_created)_total' || true
