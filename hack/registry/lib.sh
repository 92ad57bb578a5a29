# Shared settings and helpers of the hack/registry scripts. Sourced, never executed.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are used by the scripts that source this file

# The cluster's settings: the node IP the TLS registries listen on, the containerd hosts directory, log/die,
# require_root, node_ip_present and ensure_packages.
# shellcheck source=../cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cluster/lib.sh"

# Everything the registries write lives under REGISTRY_STATE (tests/TestSupport/LocalRegistry.cs reads the same
# variable): certificates, credentials, the token issuer's key, configurations, storage, logs, pids, images.json.
REGISTRY_STATE=${KUEUELEULEU_REGISTRY_STATE:-/var/lib/kueueleuleu-registry}
REG_PKI=$REGISTRY_STATE/pki
REG_AUTH=$REGISTRY_STATE/auth
REG_TOKEN=$REGISTRY_STATE/token
REG_CONF=$REGISTRY_STATE/config
REG_STORAGE=$REGISTRY_STATE/storage
REG_LOGS=$REGISTRY_STATE/logs
REG_PIDS=$REGISTRY_STATE/pids
# A directory holding only the CA (as ca.crt): podman's --cert-dir reads every *.crt there as a trusted CA and
# expects a client certificate for every *.key, so it cannot point at pki/ itself.
REG_PODMAN_CERTS=$REGISTRY_STATE/podman-certs
REG_IMAGES_JSON=$REGISTRY_STATE/images.json

REGISTRY_BINARY=/usr/bin/docker-registry

# The three registries: name, listen address, scheme, authentication. Their names are part of the interface
# (pid and log files, images.json, the test facade): keep them.
REGISTRIES=(plain basic token)
PLAIN_HOST=127.0.0.1:5000
BASIC_HOST=$NODE_IP:5443
TOKEN_HOST=$NODE_IP:5444

# The bearer-token flow: the registry only verifies tokens; the service that issues them (tests) listens here.
TOKEN_REALM=https://$NODE_IP:5445/token
TOKEN_SERVICE=kueueleuleu-registry
TOKEN_ISSUER=kueueleuleu-token-issuer

REGISTRY_USER=kueueleuleu
# Every test image lives under this repository prefix, tag 1.
REPO_PREFIX=kueueleuleu-test
IMAGE_TAG=1

registry_host() {
  case $1 in
    plain) echo "$PLAIN_HOST" ;;
    basic) echo "$BASIC_HOST" ;;
    token) echo "$TOKEN_HOST" ;;
    *) die "unknown registry $1" ;;
  esac
}

registry_url() {
  case $1 in
    plain) echo "http://$PLAIN_HOST" ;;
    *) echo "https://$(registry_host "$1")" ;;
  esac
}

# Prints the pid of a running registry started by these scripts, or fails. The three share one binary, so the
# configuration file on the command line tells them apart; a recycled pid never counts.
registry_pid() {
  local name=$1 pidfile=$REG_PIDS/$1.pid pid exe
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ ${exe% (deleted)} == "$REGISTRY_BINARY" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$REG_CONF/$name.yml" || return 1
  echo "$pid"
}

# stop_registry NAME: TERM, up to 10 s of grace, then KILL; only the pid recorded for this registry.
stop_registry() {
  local name=$1 pid i
  pid=$(registry_pid "$name") || { rm -f "$REG_PIDS/$name.pid"; return 0; }
  log "stopping registry $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$REG_PIDS/$name.pid"
}

# up.sh and down.sh hold this lock (on fd 9) for their whole run; registries are started without fd 9 so they
# never hold it. A different lock (and fd) from the cluster scripts', so the two never wait on each other.
REGISTRY_LOCK_FILE=/run/lock/kueueleuleu-registry-scripts.lock
lock_registry() {
  exec 9>"$REGISTRY_LOCK_FILE"
  if ! flock -n 9; then
    log "another hack/registry script is running; waiting up to 30 minutes for it"
    flock -w 1800 9 || die "timed out waiting for the lock $REGISTRY_LOCK_FILE"
  fi
}
