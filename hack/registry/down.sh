#!/usr/bin/env bash
# Stops the three registries hack/registry/up.sh started (only the pids it recorded). Their state stays
# (certificates, password, issuer key, storage, images.json), so the next up.sh is a warm start; `--purge` also deletes
# /var/lib/kueueleuleu-registry, the containerd hosts files and the local podman images localhost/kueueleuleu-test/*, so
# the next up.sh starts cold: new CA, password and issuer key, images built and pushed anew.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

remove_local_images() {
  local image
  # A manifest list (multi) is removed with `podman manifest rm`; rmi leaves it.
  for image in $(podman images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep "^localhost/$REPO_PREFIX/"); do
    podman manifest rm "$image" >/dev/null 2>&1 || podman rmi -f "$image" >/dev/null 2>&1 || true
  done
}

main() {
  require_root
  local purge=false name
  case ${1:-} in
    --purge) purge=true ;;
    "") ;;
    *) die "usage: $0 [--purge]" ;;
  esac
  lock_registry
  for name in "${REGISTRIES[@]}"; do stop_registry "$name"; done
  if $purge; then
    log "purging $REGISTRY_STATE and the containerd hosts files of the registries"
    rm -rf "${REGISTRY_STATE:?}" "$CONTAINERD_HOSTS_DIR/$PLAIN_HOST" "$CONTAINERD_HOSTS_DIR/$BASIC_HOST" "$CONTAINERD_HOSTS_DIR/$TOKEN_HOST"
    remove_local_images
  fi
  log "registries are down"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
