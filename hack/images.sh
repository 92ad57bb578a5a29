#!/usr/bin/env bash
# Builds the local images the demo and the tests use, with podman (no image can be pulled here):
#   localhost/busybox:local                 step image, from Debian's busybox-static
#   docker.io/kueueleuleu/entrypoint:0.1.0  the entrypoint image (FROM scratch), which is what the
#                                           converter's default `kueueleuleu/entrypoint:0.1.0` resolves to
# KUEUELEULEU_ENTRYPOINT_IMAGE names the entrypoint image instead (e.g. docker.io/kueueleuleu/entrypoint:dev-mybranch),
# so that a branch under test never replaces the image other test runs on this machine use.
# Rebuilds the entrypoint image only when its sources changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
entrypoint_image=${KUEUELEULEU_ENTRYPOINT_IMAGE:-docker.io/kueueleuleu/entrypoint:0.1.0}

build_busybox() {
  podman image exists localhost/busybox:local && return
  local rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  # One symlink per applet so commands such as `sh`, `sleep` and `date` resolve on PATH.
  for applet in $("$rootfs/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" -cf "$rootfs.tar" .
  podman import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' "$rootfs.tar" localhost/busybox:local >/dev/null
  rm -rf "$rootfs" "$rootfs.tar"
}

build_entrypoint() {
  local src=$root/src/Entrypoint stamp
  stamp=$(cat "$src"/*.go "$src/Containerfile" "$src/build.sh" | sha256sum | cut -c1-16)
  if podman image exists "$entrypoint_image" &&
     [[ $(podman image inspect --format '{{index .Labels "io.kueueleuleu.source"}}' "$entrypoint_image") == "$stamp" ]]; then
    return
  fi
  local out
  out=$(mktemp -d)
  "$src/build.sh" "$out"
  podman build --quiet --label "io.kueueleuleu.source=$stamp" -f "$src/Containerfile" -t "$entrypoint_image" "$out" >/dev/null
  rm -rf "$out"
}

"$root/hack/setup-host.sh"
build_busybox
build_entrypoint
echo "images: localhost/busybox:local $entrypoint_image"
