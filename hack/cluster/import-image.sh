#!/usr/bin/env bash
# Copies local podman images into the cluster node's containerd (namespace k8s.io, the one the kubelet
# uses). Nothing can be pulled on this machine, so every image a pod uses must arrive this way; pods then
# use imagePullPolicy Never or IfNotPresent.
# Usage: hack/cluster/import-image.sh IMAGE...   (e.g. localhost/busybox:local)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

import_one() {
  local image=$1 archive
  podman image exists "$image" || die "podman has no image $image (build it first, e.g. podman build -t $image .)"
  archive=$(mktemp --suffix=.tar)
  # docker-archive keeps the repository:tag name, which ctr then registers under the same reference.
  podman save --quiet --format docker-archive -o "$archive" "$image" >/dev/null
  ctr_k8s images import "$archive" >/dev/null || { rm -f "$archive"; die "ctr import of $image failed"; }
  rm -f "$archive"
  log "imported $image into the node"
}

main() {
  require_root
  (($#)) || die "usage: $0 IMAGE..."
  ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1 ||
    die "containerd of the local cluster does not answer on $CONTAINERD_SOCK (run hack/cluster/up.sh)"
  local image
  for image in "$@"; do import_one "$image"; done
}

main "$@"
