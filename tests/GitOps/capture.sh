#!/usr/bin/env bash
# Captures the SequentialJob objects in config/gitops/argocd/kueueleuleu.io/SequentialJob/testdata/ from the
# local cluster: brings the cluster up (idempotent), imports the images, installs the CRD, builds the operator and
# runs it as a local process on namespace gitops-capture (listen address 127.0.0.1:18091), applies samples from
# config/samples and writes `kubectl get sjob NAME -o yaml` without metadata.managedFields. Stops the operator and
# deletes the namespace at the end. Also writes the inputs of the "suspended" object (see make-suspended.cs).
# Not run by the tests: the tests read the committed captures.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ns=gitops-capture
listen=127.0.0.1:18091
out=config/gitops/argocd/kueueleuleu.io/SequentialJob/testdata
work=$(mktemp -d)
# KUEUELEULEU_OPERATOR_DIR: an operator already built there (dotnet build src/Operator -c Release -o DIR).
operator_dir=${KUEUELEULEU_OPERATOR_DIR:-$work/operator}
mkdir -p "$out"

bash hack/cluster/up.sh >/dev/null
export KUBECONFIG=/var/lib/kueueleuleu-cluster/admin.kubeconfig
bash hack/images.sh >/dev/null
bash hack/cluster/import-image.sh docker.io/kueueleuleu/entrypoint:0.1.0 localhost/busybox:local
kubectl apply --validate=false -f config/crd/kueueleuleu.io_sequentialjobs.yaml >/dev/null
kubectl wait --for=condition=Established crd/sequentialjobs.kueueleuleu.io --timeout=60s >/dev/null
[[ -n ${KUEUELEULEU_OPERATOR_DIR:-} ]] || dotnet build src/Operator -c Release -o "$operator_dir" --nologo -v quiet >/dev/null

operator=""
start_operator() {
  dotnet "$operator_dir/kueueleuleu-operator.dll" --kubeconfig "$KUBECONFIG" --namespaces "$ns" --listen-address "$listen" >>"$work/operator.log" 2>&1 &
  operator=$!
  for _ in $(seq 1 60); do
    curl -fsS "http://$listen/readyz" >/dev/null 2>&1 && return
    kill -0 "$operator" 2>/dev/null || { cat "$work/operator.log"; echo "the operator exited" >&2; exit 1; }
    sleep 0.5
  done
  cat "$work/operator.log"; echo "the operator never got ready" >&2; exit 1
}
stop_operator() {
  if [[ -n $operator ]] && kill -0 "$operator" 2>/dev/null; then
    kill -TERM "$operator"
    wait "$operator" || true
  fi
  operator=""
}
trap 'stop_operator; rm -rf "$work"' EXIT

server=$(kubectl version -o json 2>/dev/null | jq -r .serverVersion.gitVersion)
# $1 object name, $2 file, $3 how it was captured (a comment line), $4 an already fetched `-o yaml` (optional).
capture() {
  local name=$1 file=$2 how=$3
  {
    echo "# Captured from the local Kubernetes $server cluster by tests/GitOps/capture.sh:"
    echo "# $how"
    echo "# \`kubectl get sjob $name -o yaml\`, metadata.managedFields dropped."
    if [[ -n ${4:-} ]]; then strip_managed_fields <"$4"; else kubectl -n "$ns" get sjob "$name" -o yaml | strip_managed_fields; fi
  } >"$out/$file"
  echo "wrote $out/$file"
}
strip_managed_fields() {
  awk '
    /^  managedFields:/ { skip = 1; next }
    skip && /^  [^ -]/ { skip = 0 }
    skip && /^[^ ]/ { skip = 0 }
    !skip { print }
  '
}
phase_of() { kubectl -n "$ns" get sjob "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
wait_phase() {
  local name=$1 want=$2
  for _ in $(seq 1 240); do
    [[ $(phase_of "$name") == "$want" ]] && return
    sleep 0.5
  done
  echo "sjob $name never reached phase $want" >&2
  kubectl -n "$ns" get sjob "$name" -o yaml >&2
  exit 1
}
# A sample with another name (and optional sed edits of the manifest).
apply_as() {
  local sample=$1 name=$2
  shift 2
  sed -e "0,/^  name: .*/s//  name: $name/" "$@" "$sample" | kubectl -n "$ns" apply -f - >/dev/null
}

kubectl delete namespace "$ns" --ignore-not-found --wait=true >/dev/null
kubectl create namespace "$ns" >/dev/null
start_operator

# A Job with the name the SequentialJob "name-taken" wants, not controlled by it.
kubectl -n "$ns" create job name-taken --image=localhost/busybox:local -- sh -c 'sleep 3600' >/dev/null
apply_as config/samples/sequentialjob-three-steps.yaml name-taken

# Invalid: the steps wait for each other (a cycle; the CEL rules do not catch it, 1.20 ignores them anyway).
apply_as config/samples/sequentialjob-three-steps.yaml invalid-spec \
  -e 's/^  backoffLimit: 0$/  backoffLimit: 0\n  steps:\n  - {name: build, after: [publish]}\n  - {name: publish, after: [build]}/'

# Pending for good: the first step's image is not on the node and may not be pulled.
apply_as config/samples/sequentialjob-three-steps.yaml pending \
  -e '0,/image: localhost\/busybox:local/s//image: localhost\/not-imported:local/' \
  -e '0,/imagePullPolicy: IfNotPresent/s//imagePullPolicy: Never/'

kubectl -n "$ns" apply -f config/samples/sequentialjob-failing.yaml >/dev/null

# Held up: the first step asks for more CPU than any node has, so the scheduler cannot place the Pod.
apply_as config/samples/sequentialjob-three-steps.yaml unschedulable \
  -e '0,/imagePullPolicy: IfNotPresent/s//imagePullPolicy: IfNotPresent\n        resources: {requests: {cpu: "64"}}/'

kubectl -n "$ns" apply -f config/samples/sequentialjob-three-steps.yaml >/dev/null

# The 3-step sample renamed slow-steps with its second step sleeping 600 s instead of 2 (so that a poll catches it
# on a busy machine), captured while that step runs, with its Job and Pods at that moment.
apply_as config/samples/sequentialjob-three-steps.yaml slow-steps -e 's/echo tested; sleep 2/echo tested; sleep 600/'
running=""
for _ in $(seq 1 300); do
  kubectl -n "$ns" get sjob slow-steps -o yaml >"$work/running.yaml" 2>/dev/null || true
  # phase Running, current step test, and test itself Running (not just waiting for build)
  if [[ $(yq -r '[.status.phase, .status.currentStep, ([.status.steps[]? | select(.name == "test")][0].state)] | map(. // "") | join(",")' "$work/running.yaml" 2>/dev/null) == Running,test,Running ]]; then
    running=yes
    kubectl -n "$ns" get job slow-steps -o json >"$work/running-job.json"
    kubectl -n "$ns" get pods -l kueueleuleu.io/sequentialjob=slow-steps -o json >"$work/running-pods.json"
    yq . "$work/running.yaml" >"$work/running-sjob.json"
    capture slow-steps running.yaml "config/samples/sequentialjob-three-steps.yaml renamed slow-steps, its second step (test) sleeping 600 s instead of 2, captured while that step ran." "$work/running.yaml"
    break
  fi
  sleep 0.5
done
[[ -n $running ]] || { echo "never saw slow-steps running its second step" >&2; exit 1; }

wait_phase three-steps Succeeded
capture three-steps succeeded.yaml "config/samples/sequentialjob-three-steps.yaml after it succeeded."
wait_phase failing Failed
capture failing failed.yaml "config/samples/sequentialjob-failing.yaml after its second step (check) exited with code 3."
wait_phase pending Pending
for _ in $(seq 1 60); do # until the kubelet's ErrImageNeverPull reached the step's status
  kubectl -n "$ns" get sjob pending -o jsonpath='{.status.steps[0].reason}' | grep -q ErrImageNeverPull && break
  sleep 0.5
done
capture pending pending.yaml "config/samples/sequentialjob-three-steps.yaml renamed pending, first image not on the node (imagePullPolicy: Never)."
for _ in $(seq 1 120); do # until the operator reports the scheduler's verdict
  [[ $(kubectl -n "$ns" get sjob unschedulable -o jsonpath='{.status.reason}') == Unschedulable ]] && break
  sleep 0.5
done
capture unschedulable unschedulable.yaml "config/samples/sequentialjob-three-steps.yaml renamed unschedulable, its first step requesting 64 CPUs."
capture invalid-spec invalid-spec.yaml "config/samples/sequentialjob-three-steps.yaml renamed invalid-spec with spec.steps build after publish after build (a cycle)."
capture name-taken job-name-taken.yaml "config/samples/sequentialjob-three-steps.yaml renamed name-taken, applied after a plain Job named name-taken."

# With the operator stopped: a spec change it has not observed yet, and an object it never saw.
stop_operator
kubectl -n "$ns" patch sjob three-steps --type=merge -p '{"spec":{"backoffLimit":1}}' >/dev/null
capture three-steps generation-behind.yaml "the succeeded three-steps after \`kubectl patch --type=merge -p '{\"spec\":{\"backoffLimit\":1}}'\` with the operator stopped (observedGeneration 1, generation 2)."
apply_as config/samples/sequentialjob-three-steps.yaml no-status
capture no-status no-status.yaml "config/samples/sequentialjob-three-steps.yaml renamed no-status, applied while the operator was stopped."

# Inputs of make-suspended.cs (Kubernetes 1.20 has no Job suspend).
mkdir -p tests/GitOps/suspended-inputs
for f in running-sjob running-job running-pods; do
  jq 'del(.. | .managedFields?)' "$work/$f.json" >"tests/GitOps/suspended-inputs/$f.json"
done
kubectl delete namespace "$ns" --wait=false >/dev/null
echo "done; now: dotnet run tests/GitOps/make-suspended.cs"
