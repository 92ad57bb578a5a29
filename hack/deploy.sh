#!/usr/bin/env bash
# Builds the operator and entrypoint images from the repository's Dockerfile with podman, imports them into the local
# cluster's node (hack/cluster/import-image.sh) and installs kueueleuleu with `kubectl apply -k`, then waits until the
# operator's Deployment is rolled out and Available. See docs/install.md.
#
#   hack/deploy.sh [KUSTOMIZE_DIR]        default config/default; any overlay of it works the same way
#
# Run as root (podman's root storage, the node's containerd). Needs the base images the Dockerfile names: pulled on a
# connected machine, or the stand-ins of hack/base-images.sh on an offline one (nothing is pulled if they exist).
# Environment: KUBECONFIG (default /var/lib/kueueleuleu-cluster/admin.kubeconfig), KUEUELEULEU_SKIP_IMPORT=1 to
# skip the import (a cluster whose nodes get the images some other way), KUEUELEULEU_ROLLOUT_TIMEOUT (default 180s).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kustomize_dir=${1:-$root/config/default}
export KUBECONFIG=${KUBECONFIG:-/var/lib/kueueleuleu-cluster/admin.kubeconfig}
timeout=${KUEUELEULEU_ROLLOUT_TIMEOUT:-180s}

# The names config/default sets (images: in config/default/kustomization.yaml) and the operator's default
# --entrypoint-image (kueueleuleu/entrypoint:0.1.0, which the node resolves to docker.io/...).
operator_image=docker.io/kueueleuleu/operator:0.1.0
entrypoint_image=docker.io/kueueleuleu/entrypoint:0.1.0
namespace=kueueleuleu-system
deployment=kueueleuleu-operator

log() { echo "deploy: $*" >&2; }
die() { log "error: $*"; exit 1; }

build() {
  local target=$1 image=$2 old
  shift 2
  old=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  log "podman build --target $target -t $image"
  # --pull=missing: base images that exist locally (e.g. hack/base-images.sh's stand-ins) are used as they are.
  podman build --pull=missing --network=host --target "$target" -t "$image" "$@" -f "$root/Dockerfile" "$root" \
    >"$work/build-$target.log" 2>&1 || { tail -n 40 "$work/build-$target.log" >&2; die "building $image failed"; }
  # The image this one replaced, once nothing names it (the build stages stay as podman's layer cache).
  if [[ -n $old && $(podman image inspect --format '{{len .RepoTags}}' "$old" 2>/dev/null) == 0 ]]; then
    podman rmi "$old" >/dev/null 2>&1 || true
  fi
}

main() {
  [[ $(id -u) == 0 ]] || die "run as root (podman's root storage, the node's containerd)"
  [[ -f $kustomize_dir/kustomization.yaml ]] || die "$kustomize_dir has no kustomization.yaml"
  "$root/hack/setup-host.sh"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir "$work/install"

  # hack/images.sh builds the same entrypoint image from the host's Go and skips the build when this label matches
  # its sources; giving the Dockerfile's image the same stamp keeps the two from rebuilding each other's image.
  local src=$root/src/Entrypoint stamp
  stamp=$(cat "$src"/*.go "$src/Containerfile" "$src/build.sh" | sha256sum | cut -c1-16)
  build entrypoint "$entrypoint_image" --label "io.kueueleuleu.source=$stamp"
  build operator "$operator_image"

  if [[ ${KUEUELEULEU_SKIP_IMPORT:-} != 1 ]]; then
    bash "$root/hack/cluster/import-image.sh" "$operator_image" "$entrypoint_image"
  fi

  # The tag stays 0.1.0 when the code changes, so applying the same manifests would not replace running Pods. The
  # operator image's ID, as a Pod-template annotation, does: the Deployment rolls when (and only when) the image
  # differs. The kustomization is applied through a wrapper that adds only that annotation.
  local image_id
  image_id=$(podman image inspect --format '{{.Id}}' "$operator_image")
  kubectl kustomize "$kustomize_dir" >"$work/install/manifests.yaml"
  cat >"$work/install/kustomization.yaml" <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- manifests.yaml
patches:
- target:
    kind: Deployment
    name: $deployment
  patch: |-
    - op: add
      path: /spec/template/metadata/annotations/kueueleuleu.io~1image-id
      value: "$image_id"
EOF

  # Client-side validation of kubectl against a 1.20 server rejects the CRD's x-kubernetes-validations; the server
  # still validates everything it knows.
  log "kubectl apply -k $kustomize_dir (+ annotation kueueleuleu.io/image-id=$image_id)"
  kubectl apply --validate=false -k "$work/install" >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; die "kubectl apply failed"; }
  sed 's/^/deploy:   /' "$work/apply.log" >&2
  kubectl wait --for=condition=Established crd/sequentialjobs.kueueleuleu.io --timeout=60s >/dev/null

  log "waiting for deployment/$deployment (up to $timeout)"
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout="$timeout" >&2 ||
    { kubectl -n "$namespace" get pods -o wide >&2; kubectl -n "$namespace" describe pods >&2 | tail -n 40; die "the operator did not roll out"; }
  kubectl -n "$namespace" wait --for=condition=Available "deployment/$deployment" --timeout=60s >/dev/null
  log "installed: $(kubectl -n "$namespace" get deployment "$deployment" -o jsonpath='{.status.availableReplicas}') replica(s) available"
}

main "$@"
