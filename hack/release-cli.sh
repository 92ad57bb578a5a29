#!/usr/bin/env bash
# Publishes the CLI ahead of time into one native executable for linux-x64, the release artifact beside the dotnet
# tool (`dotnet pack src/Cli`):
#   artifacts/cli-native/kueueleuleu     no .NET runtime needed on the machine that runs it
#
#   hack/release-cli.sh [OUTPUT_DIR]      default artifacts/cli-native
#
# Needs the .NET SDK and a C toolchain (gcc or clang, as for the operator's native build). The first run takes about a
# minute on two cores; a run with unchanged sources only checks that the binary is up to date. Why a native build:
# docs/benchmarks.md, "CLI".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/artifacts/cli-native}
# The publish directory also holds the referenced projects' XML docs and symbols: only the executable is released.
staging=$root/artifacts/obj/cli-native

log() { echo "release-cli: $*" >&2; }

log "dotnet publish src/Cli -r linux-x64 -p:PublishAot=true"
dotnet publish "$root/src/Cli/Kueueleuleu.Cli.csproj" -c Release -r linux-x64 -p:PublishAot=true \
  -o "$staging" -v quiet -nologo >&2
mkdir -p "$out"
# Copied to a temporary name, then renamed: a running copy of the old binary is never overwritten in place.
cp "$staging/kueueleuleu" "$out/.kueueleuleu.new"
mv -f "$out/.kueueleuleu.new" "$out/kueueleuleu"
log "$out/kueueleuleu ($("$out/kueueleuleu" --version))"
