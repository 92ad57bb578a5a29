#!/usr/bin/env bash
# Brings up three real container registries (Debian's docker-registry, the CNCF distribution registry 2.8) on this
# machine for the tests of issue 14, with state under /var/lib/kueueleuleu-registry:
#   plain  http://127.0.0.1:5000       no authentication
#   basic  https://198.18.1.1:5443     htpasswd basic authentication
#   token  https://198.18.1.1:5444     bearer tokens (realm https://198.18.1.1:5445/token, served by the tests)
# pushes the test images to them, writes images.json, and configures the local cluster's containerd to pull from
# all three. Idempotent: what runs and answers is reused; a warm run only checks. docs/registry.md says more.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=images.sh
source "$here/images.sh"

REGISTRY_PACKAGES=(docker-registry apache2-utils openssl curl jq iproute2)
WAIT_REGISTRY=${KUEUELEULEU_WAIT_REGISTRY:-60}

# write_if_changed FILE: writes standard input to FILE unless FILE already holds exactly that; CHANGED_FILES lists
# what it replaced, so that a registry whose configuration changed is restarted.
CHANGED_FILES=()
write_if_changed() {
  local file=$1 tmp=$1.new
  cat >"$tmp"
  if cmp -s "$tmp" "$file"; then rm -f "$tmp"; else mv "$tmp" "$file"; CHANGED_FILES+=("$file"); fi
}

# ---------------------------------------------------------------------------------------------------------
# Host

ensure_node_ip() {
  # The TLS registries listen on the cluster's node IP, which hack/cluster/up.sh places on lo; the registries do not
  # need the cluster, so they add it the same way when it is missing.
  node_ip_present || ip addr add "$NODE_IP/32" dev lo
}

# ---------------------------------------------------------------------------------------------------------
# Certificates, credentials, the token issuer (created once; delete the state directory to start over)

ensure_pki() {
  mkdir -p "$REG_PKI" "$REG_PODMAN_CERTS"
  # Certificates are public (a client run by another user may read the CA); the keys are not.
  chmod 0755 "$REG_PKI"
  if [[ ! -s $REG_PKI/ca.crt ]]; then
    log "creating the registry CA and server certificate in $REG_PKI"
    openssl genrsa -out "$REG_PKI/ca.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$REG_PKI/ca.key" -subj "/CN=kueueleuleu-registry-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out "$REG_PKI/ca.crt"
    rm -f "$REG_PKI/server.crt"
  fi
  if [[ ! -s $REG_PKI/server.crt ]]; then
    local ext
    ext=$(mktemp)
    printf '%s\n' "basicConstraints = critical, CA:FALSE" "keyUsage = critical, digitalSignature, keyEncipherment" \
      "extendedKeyUsage = serverAuth" "subjectAltName = IP:$NODE_IP, IP:127.0.0.1, DNS:localhost" >"$ext"
    openssl genrsa -out "$REG_PKI/server.key" 2048 2>/dev/null
    openssl req -new -key "$REG_PKI/server.key" -subj "/CN=kueueleuleu-registry" -out "$REG_PKI/server.csr"
    openssl x509 -req -in "$REG_PKI/server.csr" -CA "$REG_PKI/ca.crt" -CAkey "$REG_PKI/ca.key" -CAcreateserial \
      -days 3650 -sha256 -extfile "$ext" -out "$REG_PKI/server.crt" 2>/dev/null
    rm -f "$ext" "$REG_PKI/server.csr"
  fi
  chmod 0600 "$REG_PKI"/*.key
  chmod 0644 "$REG_PKI"/*.crt
  cp "$REG_PKI/ca.crt" "$REG_PODMAN_CERTS/ca.crt"
}

ensure_credentials() {
  mkdir -p "$REG_AUTH"
  chmod 0700 "$REG_AUTH"
  [[ -s $REG_AUTH/password ]] || openssl rand -hex 16 >"$REG_AUTH/password"
  echo "$REGISTRY_USER" >"$REG_AUTH/username"
  if [[ ! -s $REG_AUTH/htpasswd || $REG_AUTH/password -nt $REG_AUTH/htpasswd ]]; then
    htpasswd -Bbn "$REGISTRY_USER" "$(<"$REG_AUTH/password")" >"$REG_AUTH/htpasswd"
  fi
  chmod 0600 "$REG_AUTH"/*
}

# The key pair a token service signs with, and the self-signed certificate the token registry trusts
# (auth.token.rootcertbundle). RSA 2048, so tokens are RS256.
ensure_token_issuer() {
  mkdir -p "$REG_TOKEN"
  chmod 0755 "$REG_TOKEN"
  if [[ ! -s $REG_TOKEN/issuer.crt ]]; then
    log "creating the token issuer's key and certificate in $REG_TOKEN"
    openssl genrsa -out "$REG_TOKEN/issuer.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$REG_TOKEN/issuer.key" -subj "/CN=$TOKEN_ISSUER" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \
      -out "$REG_TOKEN/issuer.crt"
  fi
  chmod 0600 "$REG_TOKEN/issuer.key"
  chmod 0644 "$REG_TOKEN/issuer.crt"
  # The `kid` distribution accepts for this key (libtrust's fingerprint): the first 240 bits of the SHA-256 of the
  # DER public key, base32 without padding, in 12 groups of 4 joined by ':'.
  openssl x509 -in "$REG_TOKEN/issuer.crt" -noout -pubkey | openssl pkey -pubin -outform DER |
    openssl dgst -sha256 -binary | head -c 30 | base32 | tr -d '=\n' | sed 's/..../&:/g; s/:$//' >"$REG_TOKEN/issuer.kid"
  echo >>"$REG_TOKEN/issuer.kid"
}

# ---------------------------------------------------------------------------------------------------------
# Registry configurations (distribution's config.yml)

ensure_http_secret() {
  # One secret for all three, kept across restarts, so an upload that spans a restart stays valid.
  [[ -s $REG_CONF/http-secret ]] || openssl rand -hex 32 >"$REG_CONF/http-secret"
  chmod 0600 "$REG_CONF/http-secret"
}

# registry_config NAME: the configuration of one registry on standard output.
registry_config() {
  local name=$1
  cat <<YAML
# Generated by kueueleuleu hack/registry/up.sh; edits are overwritten.
version: 0.1
log:
  level: info
  formatter: text
  fields:
    service: kueueleuleu-registry-$name
YAML
  case $name in
    plain)
      cat <<YAML
storage:
  filesystem:
    rootdirectory: $REG_STORAGE/plain
http:
  addr: $PLAIN_HOST
  secret: $(<"$REG_CONF/http-secret")
  headers:
    X-Content-Type-Options: [nosniff]
YAML
      ;;
    basic)
      cat <<YAML
storage:
  filesystem:
    rootdirectory: $REG_STORAGE/basic
http:
  addr: $BASIC_HOST
  secret: $(<"$REG_CONF/http-secret")
  tls:
    certificate: $REG_PKI/server.crt
    key: $REG_PKI/server.key
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: $TOKEN_SERVICE
    path: $REG_AUTH/htpasswd
YAML
      ;;
    token)
      # It serves plain's storage, read-only: nobody can push to it without a token service, and its images are then
      # exactly plain's (same digests). Uploads are never purged here: plain owns that storage.
      cat <<YAML
storage:
  filesystem:
    rootdirectory: $REG_STORAGE/plain
  maintenance:
    readonly:
      enabled: true
    uploadpurging:
      enabled: false
http:
  addr: $TOKEN_HOST
  secret: $(<"$REG_CONF/http-secret")
  tls:
    certificate: $REG_PKI/server.crt
    key: $REG_PKI/server.key
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  token:
    realm: $TOKEN_REALM
    service: $TOKEN_SERVICE
    issuer: $TOKEN_ISSUER
    rootcertbundle: $REG_TOKEN/issuer.crt
YAML
      ;;
  esac
}

write_registry_configs() {
  mkdir -p "$REG_CONF" "$REG_STORAGE/plain" "$REG_STORAGE/basic"
  ensure_http_secret
  local name
  for name in "${REGISTRIES[@]}"; do write_if_changed "$REG_CONF/$name.yml" < <(registry_config "$name"); done
  chmod 0600 "$REG_CONF"/*.yml
}

# ---------------------------------------------------------------------------------------------------------
# containerd (the local cluster's node)

# One hosts.toml per registry in the hosts directory the cluster's containerd reads (its CRI config_path, set by
# hack/cluster/up.sh). containerd reads these files at every pull, so writing them needs no restart.
hosts_toml() {
  local server=$1 ca=${2:-}
  echo "# Generated by kueueleuleu hack/registry/up.sh; edits are overwritten."
  echo "server = \"$server\""
  [[ -z $ca ]] || echo "ca = \"$ca\""
  echo
  echo "[host.\"$server\"]"
  echo "  capabilities = [\"pull\", \"resolve\"]"
  [[ -z $ca ]] || echo "  ca = \"$ca\""
}

write_containerd_hosts() {
  mkdir -p "$CONTAINERD_HOSTS_DIR/$PLAIN_HOST" "$CONTAINERD_HOSTS_DIR/$BASIC_HOST" "$CONTAINERD_HOSTS_DIR/$TOKEN_HOST"
  write_if_changed "$CONTAINERD_HOSTS_DIR/$PLAIN_HOST/hosts.toml" < <(hosts_toml "http://$PLAIN_HOST")
  write_if_changed "$CONTAINERD_HOSTS_DIR/$BASIC_HOST/hosts.toml" < <(hosts_toml "https://$BASIC_HOST" "$REG_PKI/ca.crt")
  write_if_changed "$CONTAINERD_HOSTS_DIR/$TOKEN_HOST/hosts.toml" < <(hosts_toml "https://$TOKEN_HOST" "$REG_PKI/ca.crt")
  if [[ -f $CONF_DIR/containerd.toml ]] && ! grep -qF "config_path = \"$CONTAINERD_HOSTS_DIR\"" "$CONF_DIR/containerd.toml"; then
    log "WARNING: the cluster's containerd does not read $CONTAINERD_HOSTS_DIR yet; run hack/cluster/up.sh so that Pods can pull from these registries"
  fi
}

# ---------------------------------------------------------------------------------------------------------
# Processes

# A registry whose configuration file changed since it started is stopped, so that start_registry starts it again.
restart_reconfigured_registries() {
  local file name
  for file in "${CHANGED_FILES[@]}"; do
    for name in "${REGISTRIES[@]}"; do
      if [[ $file == "$REG_CONF/$name.yml" ]] && registry_pid "$name" >/dev/null; then
        log "the configuration of registry $name changed: restarting it"
        stop_registry "$name"
      fi
    done
  done
}

# Starts a registry detached from this script (own session, stdin closed, log file, without the lock's fd 9), so it
# outlives the shell that ran up.sh; the pid file is written by the process itself just before exec.
start_registry() {
  local name=$1
  registry_pid "$name" >/dev/null && return 0
  log "starting registry $name on $(registry_url "$name") (log: $REG_LOGS/$name.log)"
  printf '\n==== %s starting %s\n' "$(date -Is)" "$name" >>"$REG_LOGS/$name.log"
  rm -f "$REG_PIDS/$name.pid"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$REG_PIDS/$name.pid" \
    "$REGISTRY_BINARY" serve "$REG_CONF/$name.yml" >>"$REG_LOGS/$name.log" 2>&1 </dev/null 8>&- 9>&- &
  local launcher=$! tries
  disown
  # Until the launcher has exec'd the binary, registry_pid cannot recognise the process.
  for ((tries = 0; tries < 200; tries++)); do
    registry_pid "$name" >/dev/null && return 0
    kill -0 "$launcher" 2>/dev/null || return 0 # gone already: wait_registry reports it with the log
    sleep 0.05
  done
}

# What /v2/ answers without credentials: 200 on plain, 401 with the registry's challenge on the others.
registry_answers() {
  local name=$1 expected=401 code
  [[ $name == plain ]] && expected=200
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 --cacert "$REG_PKI/ca.crt" "$(registry_url "$name")/v2/") || true
  [[ $code == "$expected" ]]
}

wait_registry() {
  local name=$1 deadline=$((SECONDS + WAIT_REGISTRY))
  until registry_answers "$name"; do
    registry_pid "$name" >/dev/null || fail_with_registry_log "$name" "registry $name exited"
    ((SECONDS < deadline)) || fail_with_registry_log "$name" "registry $name did not answer in ${WAIT_REGISTRY}s"
    sleep 0.2
  done
}

fail_with_registry_log() {
  log "$2; last lines of $REG_LOGS/$1.log:"
  tail -n 30 "$REG_LOGS/$1.log" >&2 || true
  exit 1
}

# ---------------------------------------------------------------------------------------------------------

main() {
  require_root
  lock_registry
  local start=$SECONDS name
  ensure_packages "${REGISTRY_PACKAGES[@]}"
  # podman (with the settings this machine needs) and busybox-static, which the images are made of.
  "$here/../setup-host.sh"
  mkdir -p "$REGISTRY_STATE" "$REG_LOGS" "$REG_PIDS"
  ensure_node_ip
  ensure_pki
  ensure_credentials
  ensure_token_issuer
  write_registry_configs
  write_containerd_hosts
  restart_reconfigured_registries
  for name in "${REGISTRIES[@]}"; do start_registry "$name"; done
  for name in "${REGISTRIES[@]}"; do wait_registry "$name"; done
  ensure_images
  log "registries up in $((SECONDS - start))s: plain $(registry_url plain), basic $(registry_url basic), token $(registry_url token)"
  print_images
}

# Sourcing the file (for debugging single steps) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
