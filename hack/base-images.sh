#!/usr/bin/env bash
# Builds LOCAL STAND-INS for the base images the repository's Dockerfile names, and tags them with exactly those
# names in podman, because no image can be pulled on this machine kind (see docs/install.md, "Offline machines"):
#
#   docker.io/library/debian:bookworm     Debian 12 minbase rootfs from debootstrap (+ ca-certificates, libssl3)
#   mcr.microsoft.com/dotnet/sdk:10.0     debian:bookworm + libicu72 + this machine's .NET SDK install (all of it)
#   mcr.microsoft.com/dotnet/runtime-deps:10.0
#                                         debian:bookworm as it is (libc, libssl3, ca-certificates: what a natively
#                                         compiled .NET program loads)
#   docker.io/library/golang:1.19         debian:bookworm + Debian's golang-go (Go 1.19)
#
# Run as root. Idempotent: an image is rebuilt only when its inputs changed (a hash of the recipe and the inputs is
# kept in the image label io.kueueleuleu.base-input). The debootstrap tarball is cached in
# /var/cache/kueueleuleu/base-images (KUEUELEULEU_BASE_CACHE), outside the repository.
# Needs the Debian mirror (debootstrap, apt-get inside the SDK and Go stand-ins); nothing else is downloaded.
# Environment: KUEUELEULEU_DEBIAN_MIRROR (default http://deb.debian.org/debian), KUEUELEULEU_DOTNET_ROOT (default:
# the install `dotnet` on PATH belongs to).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Bump when a recipe below changes: every stand-in is rebuilt.
recipe=1
cache=${KUEUELEULEU_BASE_CACHE:-/var/cache/kueueleuleu/base-images}
mirror=${KUEUELEULEU_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
rootfs_packages=ca-certificates,libssl3

debian_image=docker.io/library/debian:bookworm
sdk_image=mcr.microsoft.com/dotnet/sdk:10.0
runtime_deps_image=mcr.microsoft.com/dotnet/runtime-deps:10.0
golang_image=docker.io/library/golang:1.19
label=io.kueueleuleu.base-input

log() { echo "base-images: $*" >&2; }
die() { log "error: $*"; exit 1; }
hash() { sha256sum | cut -c1-16; }

stamp_of() { podman image inspect --format "{{index .Labels \"$label\"}}" "$1" 2>/dev/null || true; }
up_to_date() { podman image exists "$1" && [[ $(stamp_of "$1") == "$2" ]]; }

# ensure_packages: installs missing Debian packages (shared with the other hack/ scripts).
# shellcheck source=lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

# docker.io/library/debian:bookworm from a cached debootstrap tarball.
build_debian() {
  local stamp tarball work
  stamp=$(printf '%s\n' "$recipe" "$mirror" "$suite" "$rootfs_packages" "$(dpkg --print-architecture)" | hash)
  tarball=$cache/debian-$suite-minbase-$stamp.tar
  if [[ ! -f $tarball ]]; then
    ensure_packages debootstrap
    mkdir -p "$cache"
    work=$(mktemp -d "$cache/rootfs.XXXXXX")
    log "debootstrap --variant=minbase $suite from $mirror (a few minutes)"
    if ! debootstrap --variant=minbase --include="$rootfs_packages" "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
      tail -n 30 "$work/debootstrap.log" >&2
      umount "$work/rootfs/proc" "$work/rootfs/sys" 2>/dev/null || true
      rm -rf "$work"
      die "debootstrap failed"
    fi
    # What an image does not need: downloaded packages, package lists (derived images run apt-get update), logs.
    rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/var/log/* \
      "$work"/rootfs/debootstrap
    # The image's apt has no TTY and nobody to answer questions; keep downloads out of the layers.
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$work/rootfs/etc/apt/apt.conf.d/90kueueleuleu"
    tar -C "$work/rootfs" --numeric-owner -cf "$work/rootfs.tar" .
    mv "$work/rootfs.tar" "$tarball"
    rm -rf "$work"
    # Older recipes' tarballs are no longer used.
    find "$cache" -maxdepth 1 -name "debian-$suite-minbase-*.tar" ! -name "$(basename "$tarball")" -delete
  fi
  up_to_date "$debian_image" "$stamp" && return
  local old
  old=$(podman image inspect --format '{{.Id}}' "$debian_image" 2>/dev/null || true)
  log "importing $tarball as $debian_image"
  podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --change "LABEL $label=$stamp" \
    "$tarball" "$debian_image" >/dev/null
  remove_if_dangling "$old"
}

# Builds a stand-in from a Containerfile (given on stdin) on top of debian:bookworm, if its stamp changed.
# Usage: build_derived IMAGE INPUTS -- PODMAN-BUILD-ARGS... <Containerfile
build_derived() {
  local image=$1 inputs=$2 containerfile stamp ctx
  shift 3
  containerfile=$(cat)
  stamp=$(printf '%s\n' "$recipe" "$(podman image inspect --format '{{.Id}}' "$debian_image")" "$inputs" "$containerfile" | hash)
  up_to_date "$image" "$stamp" && { log "$image is up to date"; return; }
  local old
  old=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  ctx=$(mktemp -d)
  printf '%s\n' "$containerfile" >"$ctx/Containerfile"
  log "building $image"
  # Host networking so apt-get reaches the Debian mirror; never pull (nothing can be pulled here); no intermediate
  # layer images (the stand-in is rebuilt only when its inputs change).
  if ! podman build --quiet --pull=never --layers=false --network=host --label "$label=$stamp" "$@" -t "$image" "$ctx" >"$ctx/build.log" 2>&1; then
    tail -n 40 "$ctx/build.log" >&2
    rm -rf "$ctx"
    die "building $image failed"
  fi
  rm -rf "$ctx"
  remove_if_dangling "$old"
}

# The previous version of a stand-in, once nothing names it any more.
remove_if_dangling() {
  [[ -n $1 ]] || return 0
  if [[ $(podman image inspect --format '{{len .RepoTags}}' "$1" 2>/dev/null) == 0 ]]; then
    podman rmi "$1" >/dev/null 2>&1 || true
  fi
}

newest_version_dir() {
  # The highest version directory under $1 (e.g. shared/Microsoft.NETCore.App/10.0.12).
  find "$1" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1
}

build_dotnet() {
  local dotnet_root netcore aspnetcore sdks
  if [[ -n ${KUEUELEULEU_DOTNET_ROOT:-} ]]; then
    dotnet_root=$KUEUELEULEU_DOTNET_ROOT
  else
    command -v dotnet >/dev/null || die "no dotnet on PATH (set KUEUELEULEU_DOTNET_ROOT)"
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  fi
  [[ -x $dotnet_root/dotnet && -d $dotnet_root/sdk ]] || die "$dotnet_root is not a .NET SDK install"
  netcore=$(newest_version_dir "$dotnet_root/shared/Microsoft.NETCore.App")
  aspnetcore=$(newest_version_dir "$dotnet_root/shared/Microsoft.AspNetCore.App")
  [[ $netcore == 10.* && $aspnetcore == 10.* ]] || die "$dotnet_root has no .NET 10 shared runtimes (found '$netcore', '$aspnetcore')"
  sdks=$(find "$dotnet_root/sdk" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tr '\n' ' ')
  [[ $sdks == *10.* ]] || die "$dotnet_root has no .NET 10 SDK (found $sdks)"

  # This machine reaches NuGet through CA certificates it added locally (/usr/local/share/ca-certificates, public
  # certificates, no keys); the restore inside the SDK stand-in must trust the same ones.
  local local_ca=/usr/local/share/ca-certificates cas=""
  mkdir -p "$local_ca"
  cas=$(find "$local_ca" -type f -name '*.crt' -print0 | sort -z | xargs -0r cat | hash)

  # The whole install, as the official SDK image has it; ICU for MSBuild and the SDK tools.
  build_derived "$sdk_image" "sdk $sdks runtimes $netcore $aspnetcore local-ca $cas" -- \
    --volume "$dotnet_root:/mnt/dotnet:ro" --volume "$local_ca:/mnt/local-ca:ro" <<EOF
FROM $debian_image
RUN apt-get update -qq && apt-get install -y -qq libicu72 >/dev/null && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
RUN cp -r /mnt/local-ca/. /usr/local/share/ca-certificates/ && update-ca-certificates >/dev/null
RUN cp -a /mnt/dotnet /usr/share/dotnet && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \\
    DOTNET_RUNNING_IN_CONTAINER=true \\
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\
    DOTNET_NOLOGO=1 \\
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true \\
    NUGET_CERT_REVOCATION_MODE=offline
RUN dotnet --info >/dev/null
EOF

  # What the official runtime-deps image holds for a native .NET executable: the C library, OpenSSL and CA certificates
  # (all in the Debian rootfs already) and the variables the official image sets.
  build_derived "$runtime_deps_image" "runtime-deps" -- <<EOF
FROM $debian_image
ENV DOTNET_RUNNING_IN_CONTAINER=true \\
    APP_UID=1654
RUN test -e /usr/lib/x86_64-linux-gnu/libssl.so.3 -o -e /usr/lib/aarch64-linux-gnu/libssl.so.3
EOF
}

build_golang() {
  build_derived "$golang_image" "golang-go" -- <<EOF
FROM $debian_image
RUN apt-get update -qq && apt-get install -y -qq golang-go >/dev/null && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
ENV GOPATH=/go \\
    GOTOOLCHAIN=local \\
    PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
# The tag promises Go 1.19: Debian 12's golang-go.
RUN go version | grep -q ' go1\.19'
EOF
}

main() {
  [[ $(id -u) == 0 ]] || die "run as root (debootstrap, podman's root storage)"
  "$root/hack/setup-host.sh"
  mkdir -p "$cache"
  # Two test runs at once must not debootstrap or tag twice.
  exec 9>"$cache/.lock"
  flock -w 1800 9 || die "another base-images.sh holds $cache/.lock"
  build_debian
  build_dotnet
  build_golang
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' |
    grep -E "^($debian_image|$sdk_image|$runtime_deps_image|$golang_image) " >&2 || true
  echo "base images: $debian_image $sdk_image $runtime_deps_image $golang_image"
}

main "$@"
