#!/usr/bin/env bash
# Builds the static entrypoint binary: build.sh OUTDIR  ->  OUTDIR/entrypoint
# Standard library only, so it builds offline; works as root on a fresh machine (no HOME needed).
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

if ! command -v go >/dev/null; then
  echo "build.sh: go is not installed (Debian: apt-get install golang-go)" >&2
  exit 1
fi

# Caches default under $HOME, which may be unset in CI and containers.
cache_root=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}
export GOCACHE=${GOCACHE:-$cache_root/go-build}
export GOPATH=${GOPATH:-${HOME:-/tmp}/go}
# No module proxy or checksum database is reachable, and none is needed: no dependencies.
export GOPROXY=off GOSUMDB=off GOFLAGS=-mod=readonly GOWORK=off GO111MODULE=on GOTOOLCHAIN=local
export CGO_ENABLED=0 GOOS=linux
export GOARCH=${GOARCH:-$(go env GOARCH)}

cd "$src"
go build -trimpath -ldflags "-s -w -buildid=" -o "$out/entrypoint" .
echo "built $out/entrypoint ($(stat -c %s "$out/entrypoint") bytes, $GOOS/$GOARCH)"
