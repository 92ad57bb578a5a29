#!/usr/bin/env bash
# Brings up a real single-node Kubernetes v1.20.2 cluster on this machine: etcd, the control plane,
# containerd, the kubelet and kube-proxy, all as detached processes with state under
# /var/lib/kueueleuleu-cluster. Idempotent: components that already run are reused, and when everything
# answers it returns within seconds. Prints the `export KUBECONFIG=...` line on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

RUNTIME_PACKAGES=(etcd-server containerd runc containernetworking-plugins openssl iproute2 iptables conntrack curl jq)
# Bounded waits (seconds); a slow machine can raise them through the environment.
WAIT_COMPONENT=${KUEUELEULEU_WAIT_COMPONENT:-90}
WAIT_NODE=${KUEUELEULEU_WAIT_NODE:-180}

# ---------------------------------------------------------------------------------------------------------
# Fast path

cluster_healthy() {
  local c
  for c in "${COMPONENTS[@]}"; do component_pid "$c" >/dev/null || return 1; done
  [[ $(api_get /readyz 2>/dev/null) == ok ]] || return 1
  node_ready
}

node_ready() {
  api_get "/api/v1/nodes/$NODE_NAME" 2>/dev/null |
    jq -e '.status.conditions[] | select(.type == "Ready") | .status == "True"' >/dev/null 2>&1
}

print_result() {
  log "cluster is up: API server $API_URL, node $NODE_NAME"
  echo "export KUBECONFIG=$ADMIN_KUBECONFIG"
}

# ---------------------------------------------------------------------------------------------------------
# Host preparation

ensure_podman() {
  # hack/setup-host.sh installs podman with the runc/ulimit settings this machine needs; it is idempotent.
  "$here/../setup-host.sh"
}

ensure_node_ip() {
  # The kubelet refuses loopback node IPs, and the node IP must exist before it starts; an address of
  # its own on lo is reachable from the host and (through the CNI bridge's gateway) from every pod.
  node_ip_present || ip addr add "$NODE_IP/32" dev lo
}

ensure_sysctls() {
  # Remember the original forwarding setting once so down.sh can restore it; the CNI bridge enables it.
  [[ -f $STATE_DIR/ip_forward.orig ]] || sysctl -n net.ipv4.ip_forward >"$STATE_DIR/ip_forward.orig"
  sysctl -qw net.ipv4.ip_forward=1
  # Service traffic between two pods on the same bridge must pass iptables for kube-proxy's DNAT.
  if [[ ! -e /proc/sys/net/bridge/bridge-nf-call-iptables ]]; then modprobe br_netfilter 2>/dev/null || true; fi
  if [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]]; then sysctl -qw net.bridge.bridge-nf-call-iptables=1; fi
}

# ---------------------------------------------------------------------------------------------------------
# Certificates and credentials (created once; a purge removes them)

# issue_cert NAME SUBJECT EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
issue_cert() {
  local name=$1 subject=$2 eku=$3 sans=${4:-}
  [[ -s $PKI_DIR/$name.crt && -s $PKI_DIR/$name.key ]] && return 0
  local ext
  ext=$(mktemp)
  {
    echo "basicConstraints = critical, CA:FALSE"
    echo "keyUsage = critical, digitalSignature, keyEncipherment"
    echo "extendedKeyUsage = $eku"
    [[ -z $sans ]] || echo "subjectAltName = $sans"
  } >"$ext"
  openssl genrsa -out "$PKI_DIR/$name.key" 2048 2>/dev/null
  openssl req -new -key "$PKI_DIR/$name.key" -subj "$subject" -out "$PKI_DIR/$name.csr"
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$PKI_DIR/$name.crt" 2>/dev/null
  rm -f "$ext" "$PKI_DIR/$name.csr"
}

ensure_pki() {
  mkdir -p "$PKI_DIR"
  chmod 0700 "$PKI_DIR"
  if [[ ! -s $PKI_DIR/ca.crt ]]; then
    log "creating the cluster CA and certificates in $PKI_DIR"
    openssl genrsa -out "$PKI_DIR/ca.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$PKI_DIR/ca.key" -subj "/CN=kueueleuleu-cluster-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$PKI_DIR/ca.crt"
  fi
  issue_cert apiserver "/CN=kube-apiserver" serverAuth \
    "IP:$NODE_IP,IP:127.0.0.1,IP:$KUBERNETES_SERVICE_IP,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$NODE_NAME"
  issue_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  issue_cert admin "/O=system:masters/CN=kueueleuleu-admin" clientAuth
  # A non-system:masters identity whose rights come from RBAC (see ensure_test_rbac): tests can take them away.
  issue_cert test-user "/O=kueueleuleu:testers/CN=kueueleuleu-test-cert" clientAuth
  issue_cert controller-manager "/CN=system:kube-controller-manager" clientAuth
  issue_cert scheduler "/CN=system:kube-scheduler" clientAuth
  issue_cert kube-proxy "/CN=system:kube-proxy" clientAuth
  # The Node authorizer recognises the kubelet only by this exact user and group.
  issue_cert kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
  issue_cert kubelet-serving "/CN=$NODE_NAME" serverAuth "IP:$NODE_IP,DNS:$NODE_NAME"
  if [[ ! -s $PKI_DIR/sa.key ]]; then
    openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
  fi
  chmod 0600 "$PKI_DIR"/*.key
}

new_token() { openssl rand -hex 24; }

ensure_tokens() {
  mkdir -p "$TOKEN_DIR"
  chmod 0700 "$TOKEN_DIR"
  local t
  for t in admin test nobody; do
    [[ -s $TOKEN_DIR/$t.token ]] || new_token >"$TOKEN_DIR/$t.token"
  done
  chmod 0600 "$TOKEN_DIR"/*.token
  # Static token file: token,user,uid,"groups". admin is system:masters; test gets cluster-admin through
  # an RBAC binding on its group; nobody authenticates but is bound to nothing (for 403 paths).
  cat >"$TOKEN_DIR/static-tokens.csv" <<CSV
$(<"$TOKEN_DIR/admin.token"),kueueleuleu-admin-token,uid-admin,"system:masters"
$(<"$TOKEN_DIR/test.token"),kueueleuleu-test,uid-test,"kueueleuleu:testers"
$(<"$TOKEN_DIR/nobody.token"),kueueleuleu-nobody,uid-nobody
CSV
  chmod 0600 "$TOKEN_DIR/static-tokens.csv"
}

b64() { base64 -w0 <"$1"; }

# write_kubeconfig FILE USER (client certificate PKI_DIR/USER.{crt,key})
write_cert_kubeconfig() {
  local file=$1 user=$2
  cat >"$file" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kueueleuleu
  cluster:
    server: $API_URL
    certificate-authority-data: $(b64 "$PKI_DIR/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(b64 "$PKI_DIR/$user.crt")
    client-key-data: $(b64 "$PKI_DIR/$user.key")
contexts:
- name: kueueleuleu
  context: {cluster: kueueleuleu, user: $user}
current-context: kueueleuleu
YAML
  chmod 0600 "$file"
}

write_token_kubeconfig() {
  local file=$1 user=$2 token_file=$3
  cat >"$file" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kueueleuleu
  cluster:
    server: $API_URL
    certificate-authority-data: $(b64 "$PKI_DIR/ca.crt")
users:
- name: $user
  user:
    token: $(<"$token_file")
contexts:
- name: kueueleuleu
  context: {cluster: kueueleuleu, user: $user}
current-context: kueueleuleu
YAML
  chmod 0600 "$file"
}

# An exec credential plugin for client tests: prints an ExecCredential carrying the test token (default)
# or, with the argument "cert", the test-user client certificate. It answers in the apiVersion the
# client asks for through KUBERNETES_EXEC_INFO (client.authentication.k8s.io/v1 or v1beta1).
write_exec_plugin() {
  local plugin=$STATE_DIR/exec-credential.sh
  cat >"$plugin" <<PLUGIN
#!/usr/bin/env bash
# Generated by kueueleuleu hack/cluster/up.sh: a Kubernetes client-go exec credential plugin for tests.
set -euo pipefail
api=client.authentication.k8s.io/v1beta1
if [[ -n \${KUBERNETES_EXEC_INFO:-} ]]; then
  api=\$(jq -r '.apiVersion // "client.authentication.k8s.io/v1beta1"' <<<"\$KUBERNETES_EXEC_INFO")
fi
if [[ \${1:-token} == cert ]]; then
  jq -n --arg api "\$api" --rawfile crt "$PKI_DIR/test-user.crt" --rawfile key "$PKI_DIR/test-user.key" \\
    '{apiVersion: \$api, kind: "ExecCredential", status: {clientCertificateData: \$crt, clientKeyData: \$key}}'
else
  jq -n --arg api "\$api" --arg token "\$(<"$TOKEN_DIR/test.token")" \\
    '{apiVersion: \$api, kind: "ExecCredential", status: {token: \$token}}'
fi
PLUGIN
  chmod 0700 "$plugin"
  cat >"$STATE_DIR/exec.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kueueleuleu
  cluster:
    server: $API_URL
    certificate-authority-data: $(b64 "$PKI_DIR/ca.crt")
users:
- name: exec-token
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: $plugin
      args: [token]
      interactiveMode: Never
- name: exec-cert
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: $plugin
      args: [cert]
      interactiveMode: Never
contexts:
- name: exec-token
  context: {cluster: kueueleuleu, user: exec-token}
- name: exec-cert
  context: {cluster: kueueleuleu, user: exec-cert}
current-context: exec-token
YAML
  chmod 0600 "$STATE_DIR/exec.kubeconfig"
}

ensure_kubeconfigs() {
  mkdir -p "$CONF_DIR"
  write_cert_kubeconfig "$ADMIN_KUBECONFIG" admin
  write_cert_kubeconfig "$STATE_DIR/test-cert.kubeconfig" test-user
  write_token_kubeconfig "$STATE_DIR/admin-token.kubeconfig" admin-token "$TOKEN_DIR/admin.token"
  write_token_kubeconfig "$STATE_DIR/test-token.kubeconfig" kueueleuleu-test "$TOKEN_DIR/test.token"
  write_token_kubeconfig "$STATE_DIR/nobody-token.kubeconfig" kueueleuleu-nobody "$TOKEN_DIR/nobody.token"
  write_exec_plugin
  write_cert_kubeconfig "$CONF_DIR/controller-manager.kubeconfig" controller-manager
  write_cert_kubeconfig "$CONF_DIR/scheduler.kubeconfig" scheduler
  write_cert_kubeconfig "$CONF_DIR/kube-proxy.kubeconfig" kube-proxy
  write_cert_kubeconfig "$CONF_DIR/kubelet.kubeconfig" kubelet-client
}

# ---------------------------------------------------------------------------------------------------------
# Component configuration

# The configuration containerd gets, on standard output.
containerd_config() {
  # Start from the packaged defaults and change only what this machine needs (see docs/local-cluster.md).
  containerd config default | sed \
    -e "s|^root = .*|root = \"$CONTAINERD_ROOT\"|" \
    -e "s|^state = .*|state = \"$CONTAINERD_RUN/state\"|" \
    -e "/^\[grpc\]/,/^\[/ s|^  address = .*|  address = \"$CONTAINERD_SOCK\"|" \
    -e 's|restrict_oom_score_adj = false|restrict_oom_score_adj = true|' \
    -e "s|sandbox_image = .*|sandbox_image = \"$PAUSE_IMAGE\"|" \
    -e 's|bin_dir = "/opt/cni/bin"|bin_dir = "/usr/lib/cni"|' \
    -e "/^ *\[plugins.\"io.containerd.grpc.v1.cri\".registry\]/,/^ *\[/ s|config_path = .*|config_path = \"$CONTAINERD_HOSTS_DIR\"|"
}

write_containerd_config() {
  local config
  config=$(containerd_config)
  grep -q 'restrict_oom_score_adj = true' <<<"$config" || die "containerd config: restrict_oom_score_adj not set"
  grep -q "address = \"$CONTAINERD_SOCK\"" <<<"$config" || die "containerd config: socket not set"
  grep -q "config_path = \"$CONTAINERD_HOSTS_DIR\"" <<<"$config" || die "containerd config: registry config_path not set"
  mkdir -p "$CONTAINERD_HOSTS_DIR"
  write_if_changed "$CONF_DIR/containerd.toml" <<<"$config"
}

# Whether the configuration file containerd runs with is the one this script writes: a newer script may have added
# settings (the registry hosts directory did), which only the full path below writes and restarts containerd for.
containerd_config_current() {
  [[ -f $CONF_DIR/containerd.toml && $(containerd_config) == "$(<"$CONF_DIR/containerd.toml")" ]]
}

write_cni_config() {
  # One bridge; the gateway address on it routes pods to the node IP and (via kube-proxy's DNAT) to
  # Services. No default route and no masquerading: pods need nothing outside this machine.
  mkdir -p /etc/cni/net.d "$CNI_IPAM_DIR"
  local tmp=$CNI_CONF.tmp
  cat >"$tmp" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "$CNI_NETWORK",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$CNI_IPAM_DIR",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY"}]],
        "routes": [{"dst": "$NODE_IP/32"}, {"dst": "$SERVICE_CIDR"}]
      }
    },
    {"type": "loopback"}
  ]
}
JSON
  mv "$tmp" "$CNI_CONF"
}

# write_if_changed FILE: writes standard input to FILE unless FILE already holds exactly that. A running
# kube-proxy exits as soon as its configuration file is written to, even with the same content.
# CHANGED_FILES lists what it replaced.
CHANGED_FILES=()
write_if_changed() {
  local file=$1 tmp=$1.new
  cat >"$tmp"
  if cmp -s "$tmp" "$file"; then rm -f "$tmp"; else mv "$tmp" "$file"; CHANGED_FILES+=("$file"); fi
}

# The kubelet and containerd read their configuration only when they start: one started before its file changed is
# stopped, so that start_component starts it again with the new one. Pods keep running meanwhile (containerd's shims
# outlive it; the kubelet reconnects to the new containerd).
# restart_if_reconfigured COMPONENT FILE
restart_if_reconfigured() {
  local name=$1 changed=$2 pid file
  pid=$(component_pid "$name") || return 0
  for file in "${CHANGED_FILES[@]}"; do
    if [[ $file == "$changed" ]]; then
      log "the configuration of $name changed: restarting it"
      kill -TERM "$pid" 2>/dev/null || true
      local i
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      return 0
    fi
  done
}

# qos_cgroups: whether the kubelet can keep Pod and QoS cgroups here (cgroupsPerQOS), as on any real node: it must be
# able to create cgroups in each v1 hierarchy it uses. Measured to work on machines of this kind; a sandbox that refuses
# them still gets a working node, only without per-Pod CPU weight.
qos_cgroups() {
  local c probe
  for c in cpu cpuacct cpuset memory pids; do
    probe=/sys/fs/cgroup/$c/kueueleuleu-probe
    [[ -d $probe ]] || mkdir "$probe" 2>/dev/null || { echo false; return; }
    rmdir "$probe" 2>/dev/null || true
  done
  echo true
}

write_kubelet_config() {
  local per_qos
  per_qos=$(qos_cgroups)
  write_if_changed "$CONF_DIR/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI_DIR/ca.crt}
authorization:
  mode: Webhook
tlsCertFile: $PKI_DIR/kubelet-serving.crt
tlsPrivateKeyFile: $PKI_DIR/kubelet-serving.key
# cgroup v1/hybrid without systemd as PID 1. Pod and QoS cgroups as on any real node: a Pod's CPU weight and memory
# are those of its effective requests (init containers counted), which the Peak reservation relies on.
cgroupDriver: cgroupfs
cgroupsPerQOS: $per_qos
enforceNodeAllocatable: []
failSwapOn: false
# No eviction: the sandbox's disk and memory figures would otherwise evict test pods.
evictionHard: {}
hairpinMode: hairpin-veth
# No cluster DNS add-on can be pulled, so pods use the host's resolv.conf.
resolvConf: /etc/resolv.conf
serializeImagePulls: false
YAML
  write_if_changed "$CONF_DIR/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
clientConnection:
  kubeconfig: $CONF_DIR/kube-proxy.kubeconfig
# 0 leaves the kernel's conntrack limits and timeouts as they are: no sysctl or sysfs writes.
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
YAML
}

component_args() {
  case $1 in
    etcd)
      # 8 GiB of backend instead of etcd's default 2 GiB (etcd's own recommended maximum): the operator benchmark's
      # 1,000 SequentialJobs of 1 MiB are stored twice (created, then their status written) until the API server compacts.
      echo --name=kueueleuleu --data-dir="$STATE_DIR/etcd" --quota-backend-bytes=8589934592 \
        --listen-client-urls="$ETCD_CLIENT_URL" --advertise-client-urls="$ETCD_CLIENT_URL" \
        --listen-peer-urls="$ETCD_PEER_URL" --initial-advertise-peer-urls="$ETCD_PEER_URL" \
        --initial-cluster="kueueleuleu=$ETCD_PEER_URL" --initial-cluster-state=new
      ;;
    kube-apiserver)
      # TTLAfterFinished is alpha in 1.20: without the gate on the API server the field is dropped.
      echo --advertise-address="$NODE_IP" --bind-address="$NODE_IP" --secure-port="$API_PORT" \
        --etcd-servers="$ETCD_CLIENT_URL" \
        --client-ca-file="$PKI_DIR/ca.crt" \
        --tls-cert-file="$PKI_DIR/apiserver.crt" --tls-private-key-file="$PKI_DIR/apiserver.key" \
        --token-auth-file="$TOKEN_DIR/static-tokens.csv" \
        --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
        --service-account-key-file="$PKI_DIR/sa.pub" \
        --service-account-signing-key-file="$PKI_DIR/sa.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-cluster-ip-range="$SERVICE_CIDR" \
        --kubelet-client-certificate="$PKI_DIR/apiserver-kubelet-client.crt" \
        --kubelet-client-key="$PKI_DIR/apiserver-kubelet-client.key" \
        --kubelet-certificate-authority="$PKI_DIR/ca.crt" \
        --kubelet-preferred-address-types=InternalIP \
        --allow-privileged=true --insecure-port=0 --profiling=false \
        --feature-gates=TTLAfterFinished=true
      ;;
    kube-controller-manager)
      echo --kubeconfig="$CONF_DIR/controller-manager.kubeconfig" \
        --authentication-kubeconfig="$CONF_DIR/controller-manager.kubeconfig" \
        --authorization-kubeconfig="$CONF_DIR/controller-manager.kubeconfig" \
        --bind-address=127.0.0.1 --port=0 \
        --root-ca-file="$PKI_DIR/ca.crt" \
        --service-account-private-key-file="$PKI_DIR/sa.key" \
        --use-service-account-credentials=true \
        --cluster-signing-cert-file="$PKI_DIR/ca.crt" --cluster-signing-key-file="$PKI_DIR/ca.key" \
        --service-cluster-ip-range="$SERVICE_CIDR" \
        --leader-elect=false --profiling=false \
        --feature-gates=TTLAfterFinished=true
      ;;
    kube-scheduler)
      echo --kubeconfig="$CONF_DIR/scheduler.kubeconfig" \
        --authentication-kubeconfig="$CONF_DIR/scheduler.kubeconfig" \
        --authorization-kubeconfig="$CONF_DIR/scheduler.kubeconfig" \
        --bind-address=127.0.0.1 --port=0 --leader-elect=false --profiling=false
      ;;
    containerd)
      echo --config="$CONF_DIR/containerd.toml"
      ;;
    kubelet)
      echo --config="$CONF_DIR/kubelet.yaml" --kubeconfig="$CONF_DIR/kubelet.kubeconfig" \
        --root-dir="$KUBELET_ROOT" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
        --container-runtime=remote --container-runtime-endpoint="unix://$CONTAINERD_SOCK" \
        --runtime-request-timeout=5m
      ;;
    kube-proxy)
      echo --config="$CONF_DIR/kube-proxy.yaml"
      ;;
    *) die "unknown component $1" ;;
  esac
}

# The node's work (containerd with the containers' shims and runc, the kubelet, kube-proxy) runs below the
# control plane's CPU priority, standing in for a cluster whose control plane has machines of its own.
# Without it, starting containers on this small node starves the API server and every client waits on it.
component_nice() {
  case $1 in
    containerd | kubelet | kube-proxy) echo 10 ;;
    *) echo 0 ;;
  esac
}

# Each component leads a session of its own, and the scheduler first shares the CPU between sessions
# (autogroups) and only then by nice value within one; so both are set, for every running component: also
# those an earlier version of this script started at the default priority.
apply_priorities() {
  local name pid nice task
  for name in "${COMPONENTS[@]}"; do
    pid=$(component_pid "$name") || continue
    nice=$(component_nice "$name")
    for task in /proc/"$pid"/task/*; do
      renice -n "$nice" -p "${task##*/}" >/dev/null 2>&1 || true
    done
    if [[ -w /proc/$pid/autogroup ]]; then echo "$nice" >"/proc/$pid/autogroup" 2>/dev/null || true; fi
  done
}

# ---------------------------------------------------------------------------------------------------------
# Processes

# Starts a component detached from this script (own session, stdin closed, log file), so it outlives
# the shell that ran up.sh; the pid file is written by the process itself just before exec.
start_component() {
  local name=$1 bin args
  bin=$(component_binary "$name")
  [[ -x $bin ]] || die "$bin missing"
  if component_pid "$name" >/dev/null; then return 0; fi
  # shellcheck disable=SC2207 # the arguments contain no spaces by construction
  args=($(component_args "$name"))
  log "starting $name (log: $LOG_DIR/$name.log)"
  printf '\n==== %s starting %s\n' "$(date -Is)" "$name" >>"$LOG_DIR/$name.log"
  # A pid file left by an earlier run (a restored machine, a killed component) must not be read as the new
  # process's before that one wrote its own.
  rm -f "$PID_DIR/$name.pid"
  # nice at exec, so that every thread the component starts inherits it.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$PID_DIR/$name.pid" \
    nice -n "$(component_nice "$name")" "$bin" "${args[@]}" \
    >>"$LOG_DIR/$name.log" 2>&1 </dev/null 8>&- &
  local launcher=$!
  disown
  await_exec "$name" "$launcher"
}

# Until the launcher has exec'd the binary, component_pid cannot recognise the process, and wait_for
# would report a component that is merely starting as one that exited. setsid, nohup and nice exec in place,
# so the launcher's pid becomes the component's.
await_exec() {
  local name=$1 launcher=$2 tries
  for ((tries = 0; tries < 200; tries++)); do
    component_pid "$name" >/dev/null && return 0
    kill -0 "$launcher" 2>/dev/null || return 0 # gone already: wait_for reports it with the log
    sleep 0.05
  done
}

fail_with_log() {
  local name=$1 message=$2
  log "$message; last lines of $LOG_DIR/$name.log:"
  tail -n 30 "$LOG_DIR/$name.log" >&2 || true
  exit 1
}

# wait_for NAME DESCRIPTION SECONDS COMMAND...: polls COMMAND until it succeeds, failing early when the
# component's process has died.
wait_for() {
  local name=$1 what=$2 timeout=$3
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    component_pid "$name" >/dev/null || fail_with_log "$name" "$name exited while waiting for $what"
    ((SECONDS < deadline)) || fail_with_log "$name" "timed out after ${timeout}s waiting for $what"
    sleep 1
  done
}

etcd_healthy() { curl -sf --max-time 3 "$ETCD_CLIENT_URL/health" | grep -q '"health":"true"'; }
apiserver_ready() { [[ $(api_get /readyz) == ok ]]; }
containerd_ready() { ctr --address "$CONTAINERD_SOCK" version; }
kube_proxy_ready() { curl -sf --max-time 3 http://127.0.0.1:10256/healthz; }
kubelet_healthy() { curl -sf --max-time 3 http://127.0.0.1:10248/healthz; }
# The ServiceAccount admission plugin of 1.20 rejects pods until the token controller made the secret.
default_sa_ready() {
  api_get /api/v1/namespaces/default/serviceaccounts/default | jq -e '(.secrets // []) | length > 0'
}

# ---------------------------------------------------------------------------------------------------------
# Images

image_in_node() {
  local images
  images=$(ctr_k8s images ls -q)
  grep -qxF "$1" <<<"$images"
}

ensure_pause_image() {
  image_in_node "$PAUSE_IMAGE" && return 0
  if ! podman image exists "$PAUSE_IMAGE"; then
    log "building $PAUSE_IMAGE from the static pause binary"
    local ctx
    ctx=$(mktemp -d)
    cp "$BIN_DIR/pause" "$ctx/pause"
    printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$ctx/Containerfile"
    podman build -q -t "$PAUSE_IMAGE" -f "$ctx/Containerfile" "$ctx" >/dev/null
    rm -rf "$ctx"
  fi
  "$here/import-image.sh" "$PAUSE_IMAGE"
}

# The project's own images (busybox from busybox-static, the entrypoint) come from hack/images.sh; the node
# gets them once here. Whoever rebuilds the entrypoint image imports it again with import-image.sh.
ensure_project_images() {
  "$here/../images.sh" >/dev/null
  image_in_node "$BUSYBOX_IMAGE" || "$here/import-image.sh" "$BUSYBOX_IMAGE"
  image_in_node "$ENTRYPOINT_IMAGE" || "$here/import-image.sh" "$ENTRYPOINT_IMAGE"
}

# ---------------------------------------------------------------------------------------------------------
# Objects the tests rely on

ensure_test_rbac() {
  local body
  body=$(jq -n '{apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding",
    metadata: {name: "kueueleuleu-testers", labels: {"app.kubernetes.io/managed-by": "kueueleuleu-hack-cluster"}},
    roleRef: {apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin"},
    subjects: [{apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "kueueleuleu:testers"}]}')
  api_get /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kueueleuleu-testers >/dev/null && return 0
  curl -sf --max-time 5 --cacert "$PKI_DIR/ca.crt" --cert "$PKI_DIR/admin.crt" --key "$PKI_DIR/admin.key" \
    -H 'Content-Type: application/json' -X POST --data "$body" \
    "$API_URL/apis/rbac.authorization.k8s.io/v1/clusterrolebindings" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------

main() {
  require_root
  lock_cluster
  mkdir -p "$STATE_DIR" "$LOG_DIR" "$PID_DIR" "$CONF_DIR"
  if [[ -s $PKI_DIR/admin.crt ]] && cluster_healthy && containerd_config_current; then
    log "all components already run and answer; reusing them"
    apply_priorities
    print_result
    return 0
  fi
  local start=$SECONDS
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  # Scripts and tests drive the cluster with kubectl; machines of this kind ship one, else Debian's will do.
  command -v kubectl >/dev/null || ensure_packages kubernetes-client
  ensure_podman
  "$here/build-kubernetes.sh"

  ensure_node_ip
  ensure_sysctls
  ensure_pki
  ensure_tokens
  ensure_kubeconfigs
  write_containerd_config
  write_cni_config
  write_kubelet_config

  start_component etcd
  wait_for etcd "etcd health" "$WAIT_COMPONENT" etcd_healthy
  start_component kube-apiserver
  wait_for kube-apiserver "API server /readyz" "$WAIT_COMPONENT" apiserver_ready
  start_component kube-controller-manager
  start_component kube-scheduler
  restart_if_reconfigured containerd "$CONF_DIR/containerd.toml"
  start_component containerd
  wait_for containerd "containerd socket" "$WAIT_COMPONENT" containerd_ready
  ensure_pause_image
  ensure_project_images
  restart_if_reconfigured kubelet "$CONF_DIR/kubelet.yaml"
  start_component kubelet
  wait_for kubelet "kubelet healthz" "$WAIT_COMPONENT" kubelet_healthy
  start_component kube-proxy
  wait_for kube-proxy "kube-proxy healthz" "$WAIT_COMPONENT" kube_proxy_ready
  ensure_test_rbac
  wait_for kubelet "node $NODE_NAME Ready" "$WAIT_NODE" node_ready
  wait_for kube-controller-manager "the default ServiceAccount and its token" "$WAIT_COMPONENT" default_sa_ready
  # The control-plane components have no cheap readiness signal here; check they did not die meanwhile.
  local c
  for c in "${COMPONENTS[@]}"; do
    component_pid "$c" >/dev/null || fail_with_log "$c" "$c is not running"
  done
  apply_priorities
  log "up in $((SECONDS - start))s"
  print_result
}

# Sourcing the file (for debugging single steps) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
