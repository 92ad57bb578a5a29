#!/usr/bin/env bash
# End-to-end check of the local cluster: a Job with localhost/busybox:local prints a line and writes a
# termination message (both must come back through the API), and a Pod reads the API server through the
# `kubernetes` Service with its ServiceAccount token, as the operator will when it runs in-cluster.
# Needs KUBECONFIG (hack/cluster/up.sh prints it). Exits non-zero on the first failure.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

KUBECTL=${KUBECTL:-kubectl}
TIMEOUT=${KUEUELEULEU_SMOKE_TIMEOUT:-120}
NS=kueueleuleu-smoke-$(date +%s)

k() { "$KUBECTL" --namespace "$NS" "$@"; }

fail() {
  log "SMOKE FAILED: $*"
  k get pods -o wide >&2 2>/dev/null || true
  k get events --sort-by=.lastTimestamp >&2 2>/dev/null | tail -n 20 >&2 || true
  exit 1
}

cleanup() { "$KUBECTL" delete namespace "$NS" --wait=false >/dev/null 2>&1 || true; }

check_job() {
  log "Job: run busybox, expect its output and termination message"
  k apply -f - >/dev/null <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: hello
        image: $BUSYBOX_IMAGE
        imagePullPolicy: Never
        command: ["sh", "-c", "echo 'hello from kueueleuleu smoke'; printf 'smoke-termination-message' >/dev/termination-log"]
YAML
  k wait --for=condition=complete job/hello --timeout="${TIMEOUT}s" >/dev/null || fail "job hello did not complete"
  local pod logs message
  pod=$(k get pods -l job-name=hello -o jsonpath='{.items[0].metadata.name}')
  logs=$(k logs "$pod") || fail "kubectl logs $pod failed"
  [[ $logs == 'hello from kueueleuleu smoke' ]] || fail "unexpected log of $pod: $logs"
  message=$(k get pod "$pod" -o jsonpath='{.status.containerStatuses[0].state.terminated.message}')
  [[ $message == smoke-termination-message ]] || fail "unexpected termination message of $pod: '$message'"
  log "Job ok: log and termination message came back"
}

check_in_cluster_access() {
  log "Pod: read the API through the kubernetes Service with the ServiceAccount token"
  # The default ServiceAccount may read pods in this namespace only; an anonymous request would get 403,
  # so an answer that names the pod proves the token was accepted.
  k apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects:
- {kind: ServiceAccount, name: default, namespace: $NS}
---
apiVersion: v1
kind: Pod
metadata:
  name: api-reader
spec:
  restartPolicy: Never
  containers:
  - name: reader
    image: $BUSYBOX_IMAGE
    imagePullPolicy: Never
    command:
    - sh
    - -c
    - |
      set -e
      sa=/var/run/secrets/kubernetes.io/serviceaccount
      url="https://\$KUBERNETES_SERVICE_HOST:\$KUBERNETES_SERVICE_PORT/api/v1/namespaces/\$(cat \$sa/namespace)/pods/api-reader"
      echo "service=\$KUBERNETES_SERVICE_HOST:\$KUBERNETES_SERVICE_PORT"
      # busybox's TLS client cannot verify certificates; the CA file is compared on the host instead.
      wget -q -O - --no-check-certificate --header "Authorization: Bearer \$(cat \$sa/token)" "\$url" > /tmp/pod.json
      grep -o '"name": *"api-reader"' /tmp/pod.json | head -n 1
      cat \$sa/ca.crt > /dev/termination-log
YAML
  local deadline=$((SECONDS + TIMEOUT)) phase=""
  while ((SECONDS < deadline)); do
    phase=$(k get pod api-reader -o jsonpath='{.status.phase}')
    [[ $phase == Succeeded || $phase == Failed ]] && break
    sleep 1
  done
  local logs
  logs=$(k logs api-reader 2>&1 || true)
  [[ $phase == Succeeded ]] || fail "pod api-reader ended as '${phase:-unknown}'; its log: $logs"
  grep -q "service=$KUBERNETES_SERVICE_IP:443" <<<"$logs" || fail "pod did not see the kubernetes Service at $KUBERNETES_SERVICE_IP:443: $logs"
  grep -q '"api-reader"' <<<"$logs" || fail "API answer did not name the pod: $logs"
  local ca
  ca=$(k get pod api-reader -o jsonpath='{.status.containerStatuses[0].state.terminated.message}')
  [[ $ca == "$(<"$PKI_DIR/ca.crt")" ]] || fail "the pod's ServiceAccount ca.crt is not the cluster CA"
  log "in-cluster access ok: Service $KUBERNETES_SERVICE_IP:443 -> API server, token accepted, CA mounted"
}

main() {
  [[ -n ${KUBECONFIG:-} ]] || die "set KUBECONFIG first (hack/cluster/up.sh prints the export line)"
  local start=$SECONDS
  "$KUBECTL" create namespace "$NS" >/dev/null
  trap cleanup EXIT
  # The ServiceAccount admission of 1.20 rejects pods until the namespace's token secret exists.
  local deadline=$((SECONDS + 60))
  until [[ -n $(k get serviceaccount default -o jsonpath='{.secrets[0].name}' 2>/dev/null) ]]; do
    ((SECONDS < deadline)) || fail "no token for the default ServiceAccount of $NS"
    sleep 1
  done
  check_job
  check_in_cluster_access
  log "smoke passed in $((SECONDS - start))s"
}

main "$@"
