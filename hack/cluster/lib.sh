# Shared settings and helpers of the hack/cluster scripts. Sourced, never executed.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are used by the scripts that source this file

K8S_VERSION=v1.20.2
# Built binaries live outside the repository and outside the state dir, so `down.sh --purge` keeps them.
CACHE_DIR=${KUEUELEULEU_CACHE:-/var/cache/kueueleuleu}/kubernetes-${K8S_VERSION}
BIN_DIR=$CACHE_DIR/bin
BUILD_MARKER=$BIN_DIR/.complete

# Everything the cluster writes at run time lives under STATE_DIR (certs, configs, etcd data, logs, pids).
STATE_DIR=${KUEUELEULEU_CLUSTER_STATE:-/var/lib/kueueleuleu-cluster}
PKI_DIR=$STATE_DIR/pki
CONF_DIR=$STATE_DIR/config
LOG_DIR=$STATE_DIR/logs
PID_DIR=$STATE_DIR/pids
TOKEN_DIR=$STATE_DIR/tokens
KUBELET_ROOT=$STATE_DIR/kubelet
CNI_IPAM_DIR=$STATE_DIR/cni-ipam
CONTAINERD_ROOT=$STATE_DIR/containerd
ADMIN_KUBECONFIG=$STATE_DIR/admin.kubeconfig
# The registry hosts directory of containerd's CRI plugin (its config_path): one <host:port>/hosts.toml per registry,
# which hack/registry/up.sh writes for the local registries. containerd reads them at every pull.
CONTAINERD_HOSTS_DIR=$CONF_DIR/certs.d
# containerd gets its own socket and run dir so it never collides with a containerd that a package or a
# Docker installation might start on the default /run/containerd socket.
CONTAINERD_RUN=/run/kueueleuleu-containerd
CONTAINERD_SOCK=$CONTAINERD_RUN/containerd.sock

# Addresses: all inside 198.18.0.0/15 (RFC 2544 benchmarking range) so they clash with no real network.
NODE_IP=198.18.1.1
POD_CIDR=198.18.0.0/24
POD_GATEWAY=198.18.0.1
SERVICE_CIDR=198.18.2.0/24
KUBERNETES_SERVICE_IP=198.18.2.1
API_PORT=6443
API_URL=https://$NODE_IP:$API_PORT
# etcd listens on loopback only, on non-default ports so a distribution-started etcd cannot collide.
ETCD_CLIENT_URL=http://127.0.0.1:12379
ETCD_PEER_URL=http://127.0.0.1:12380
NODE_NAME=kueueleuleu-node
PAUSE_IMAGE=localhost/kueueleuleu/pause:3.4.1
BUSYBOX_IMAGE=localhost/busybox:local
ENTRYPOINT_IMAGE=docker.io/kueueleuleu/entrypoint:0.1.0
CNI_NETWORK=kueueleuleu
CNI_BRIDGE=kueueleuleu0
CNI_CONF=/etc/cni/net.d/10-kueueleuleu.conflist

# Start order; down.sh stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy)

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_root() {
  [[ $(id -u) == 0 ]] || die "must run as root (it configures addresses, mounts, iptables and containerd)"
}

# ensure_packages: installs missing Debian packages (shared with the other hack/ scripts).
# shellcheck source=../lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/packages.sh"

# The binary each component runs; used to start it and to recognise its pid (a recycled pid must not
# make a dead component look alive, nor make down.sh kill an unrelated process).
component_binary() {
  case $1 in
    etcd) echo /usr/bin/etcd ;;
    containerd) echo /usr/bin/containerd ;;
    *) echo "$BIN_DIR/$1" ;;
  esac
}

# Prints the pid of a running component started by these scripts, or fails.
component_pid() {
  local pidfile=$PID_DIR/$1.pid pid exe
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ ${exe% (deleted)} == "$(component_binary "$1")" ]] || return 1
  echo "$pid"
}

# up.sh and down.sh hold this lock (on fd 8) for their whole run: two concurrent up.sh runs would
# otherwise both see a component missing and start it twice. Components must not inherit fd 8
# (start_component closes it), or they would hold the lock for as long as they run.
LOCK_FILE=/run/lock/kueueleuleu-cluster-scripts.lock
lock_cluster() {
  exec 8>"$LOCK_FILE"
  if ! flock -n 8; then
    log "another hack/cluster script is running; waiting up to 30 minutes for it"
    flock -w 1800 8 || die "timed out waiting for the lock $LOCK_FILE"
  fi
}

node_ip_present() {
  local addrs
  addrs=$(ip -4 -o addr show dev lo)
  [[ $addrs == *" $NODE_IP/32 "* ]]
}

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# Reads from the API server with the admin client certificate (curl, so no kubectl version matters here).
api_get() {
  curl -sf --max-time 5 --cacert "$PKI_DIR/ca.crt" --cert "$PKI_DIR/admin.crt" --key "$PKI_DIR/admin.key" \
    "$API_URL$1"
}
