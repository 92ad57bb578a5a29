#!/usr/bin/env bash
# Builds Kubernetes v1.20.2 (the version Debian bookworm ships as source) with Debian's Go and caches the
# binaries under /var/cache/kueueleuleu/kubernetes-v1.20.2/bin. Nothing can be pulled from the internet
# on this machine kind except Debian/NuGet/npm packages, so the cluster is built from Debian's source package.
# Idempotent: when the cache holds a complete build (marker file written last) it exits at once.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

BUILT_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)
# Identifies how the cached binaries were made; a cache written by another recipe is rebuilt.
RECIPE="kubernetes ${K8S_VERSION}, Debian go, vendored reflect2 1.0.2"
SRC_ROOT=$CACHE_DIR/src
SRC_LIST=/etc/apt/sources.list.d/kueueleuleu-src.sources

cache_complete() {
  [[ -f $BUILD_MARKER ]] && grep -qxF "$RECIPE" "$BUILD_MARKER" || return 1
  local c
  for c in "${BUILT_BINARIES[@]}" pause; do [[ -x $BIN_DIR/$c ]] || return 1; done
}

# Prints "URI|Signed-By" of the archive that serves the plain 'bookworm' suite, read from the deb822
# .sources files or from one-line .list entries, so the deb-src entry points at the same mirror.
bookworm_archive() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f && $f != "$SRC_LIST" ]] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
      {
        types = ""; uris = ""; suites = ""; signed = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/)     { types = $i;  sub(/^Types:[ \t]*/, "", types) }
          if ($i ~ /^URIs:/)      { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/)    { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
          if ($i ~ /^Signed-By:/) { signed = $i; sub(/^Signed-By:[ \t]*/, "", signed) }
        }
        if ((" " types " ") ~ / deb / && (" " suites " ") ~ / bookworm /) {
          split(uris, u, " "); print u[1] "|" signed; exit
        }
      }' "$f"
  done | head -n1 | grep . && return 0
  # One-line style: "deb [options] URI bookworm main ..."
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { if ($(i+1) == "bookworm") { print $i "|"; exit } break } }' |
    head -n1 | grep .
}

ensure_deb_src() {
  if apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes'; then return 0; fi
  local archive uri signed
  archive=$(bookworm_archive) || die "no 'deb' entry for bookworm found under /etc/apt; cannot add deb-src"
  uri=${archive%%|*}; signed=${archive#*|}
  log "adding deb-src entry for $uri bookworm"
  {
    echo "# added by kueueleuleu hack/cluster/build-kubernetes.sh: Kubernetes is built from Debian's source"
    echo "Types: deb-src"
    echo "URIs: $uri"
    echo "Suites: bookworm"
    echo "Components: main"
    [[ -z $signed ]] || echo "Signed-By: $signed"
  } >"$SRC_LIST"
  apt-get update -qq
}

# Downloads and unpacks the source package once; the unpacked tree is reused by later runs.
fetch_source() {
  if [[ -f $SRC_ROOT/.unpacked ]]; then return 0; fi
  rm -rf "$SRC_ROOT"
  mkdir -p "$CACHE_DIR/debsrc"
  # apt downloads as the unprivileged _apt user when it can write the target directory.
  if id _apt >/dev/null 2>&1; then chown _apt "$CACHE_DIR/debsrc"; fi
  (cd "$CACHE_DIR/debsrc" && apt-get source --download-only -qq kubernetes >/dev/null)
  local dscs=("$CACHE_DIR"/debsrc/kubernetes_*.dsc) dsc
  dsc=${dscs[0]}
  [[ -f $dsc ]] || die "apt-get source left no kubernetes_*.dsc in $CACHE_DIR/debsrc"
  log "unpacking $(basename "$dsc")"
  # --no-check: the .dsc was fetched by apt, which already verified it against the signed Release file.
  dpkg-source --no-check -x "$dsc" "$SRC_ROOT" >/dev/null
  grep -q 'gitVersion.*\|KUBE_GIT' "$SRC_ROOT/hack/lib/version.sh" || die "unexpected source tree in $SRC_ROOT"
  touch "$SRC_ROOT/.unpacked"
}

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which reads Go's internal map iterator
# with the pre-1.18 layout: built with Go 1.19 the API server dies with "fatal error: fault" in
# mapiterinit as soon as json-iterator encodes a map (seen under load within a minute of start-up).
# reflect2 1.0.2 fixes exactly that and has the same API; Debian packages it, so it replaces the vendored
# copy (standard library only, so no other module changes).
patch_reflect2() {
  local vendored=$SRC_ROOT/vendor/github.com/modern-go/reflect2
  local packaged=/usr/share/gocode/src/github.com/modern-go/reflect2
  [[ -f $packaged/go_above_118.go ]] || die "$packaged lacks go_above_118.go (need golang-github-modern-go-reflect2-dev >= 1.0.2)"
  if [[ -f $vendored/go_above_118.go ]]; then return 0; fi
  log "replacing vendored reflect2 1.0.1 with Debian's 1.0.2 (Go 1.18+ map iteration fix)"
  rm -f "$vendored"/*.go "$vendored"/*.s
  cp "$packaged"/*.go "$vendored"/
}

# The source package has no .git, so without these the binaries would report v0.0.0-master; kubectl,
# client libraries and the operator read the server version, so stamp the real one.
write_version_file() {
  cat >"$CACHE_DIR/version.env" <<VERSION
KUBE_GIT_VERSION='${K8S_VERSION}'
KUBE_GIT_MAJOR='1'
KUBE_GIT_MINOR='20'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_COMMIT='faecb196815e248d3ecfb03c680a4507229c2a56'
VERSION
}

build_components() {
  local what=() c
  for c in "${BUILT_BINARIES[@]}"; do what+=("cmd/$c"); done
  log "building ${BUILT_BINARIES[*]} with $(go version | awk '{print $3}') (about 12+ minutes on 2 cores)"
  # GOFLAGS/GO111MODULE from the caller's environment would confuse Kubernetes' own build scripts.
  (cd "$SRC_ROOT" &&
    env -u GOFLAGS -u GO111MODULE KUBE_GIT_VERSION_FILE="$CACHE_DIR/version.env" \
      KUBE_BUILD_PLATFORMS=linux/amd64 make WHAT="${what[*]}")
  for c in "${BUILT_BINARIES[@]}"; do
    install -m 0755 "$SRC_ROOT/_output/local/bin/linux/amd64/$c" "$BIN_DIR/$c"
  done
}

# The pod sandbox ("pause") image cannot be pulled here, so its static binary is built from the same tree.
build_pause() {
  local pause_src=$SRC_ROOT/build/pause/linux/pause.c
  [[ -f $pause_src ]] || pause_src=$SRC_ROOT/build/pause/pause.c
  gcc -Os -Wall -Werror -static -DVERSION=v3.4.1-kueueleuleu -o "$BIN_DIR/pause" "$pause_src"
  strip "$BIN_DIR/pause"
}

main() {
  require_root
  if cache_complete; then
    log "kubernetes ${K8S_VERSION} binaries cached in $BIN_DIR"
    return 0
  fi
  # Two concurrent runs (say, up.sh from two shells) would both build in the same tree: the second waits.
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/.build.lock"
  if ! flock -n 9; then
    log "another build is running; waiting for it"
    flock 9
  fi
  if cache_complete; then
    log "kubernetes ${K8S_VERSION} binaries cached in $BIN_DIR"
    return 0
  fi
  ensure_packages golang-go rsync jq build-essential dpkg-dev golang-github-modern-go-reflect2-dev
  mkdir -p "$BIN_DIR"
  rm -f "$BUILD_MARKER"
  ensure_deb_src
  fetch_source
  patch_reflect2
  write_version_file
  local start=$SECONDS
  build_components
  build_pause
  # Written last: its presence means every binary above is complete.
  printf '%s\nbuilt %s\n' "$RECIPE" "$(date -u +%FT%TZ)" >"$BUILD_MARKER"
  log "built in $((SECONDS - start))s; binaries in $BIN_DIR"
}

main "$@"
