#!/usr/bin/env bash
# The converter on its own, no cluster needed: builds kueueleuleu, converts examples/pipeline-pod.yaml, runs the converted
# Pod for real in podman and shows that its steps ran one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

hack/setup-host.sh
hack/images.sh >/dev/null
dotnet build src/Cli -c Release -o artifacts/cli --nologo -v quiet >/dev/null
kueueleuleu() { dotnet artifacts/cli/kueueleuleu.dll "$@"; }

manifest=examples/pipeline-pod.yaml
converted=$(mktemp --suffix=.yaml)
trap 'rm -f "$converted"' EXIT
kueueleuleu convert -f "$manifest" >"$converted"
echo "== kueueleuleu convert -f $manifest (what changed)"
diff -u "$manifest" "$converted" | grep -E '^[-+]' | grep -vE '^(---|\+\+\+)' | head -40 || true

json=$(kueueleuleu convert -f "$manifest" -o json)
name=$(jq -r .metadata.name <<<"$json")
mapfile -t steps < <(jq -r '.spec.containers[].name' <<<"$json")
podman pod rm --force --ignore "$name" >/dev/null
podman volume rm --force kueueleuleu workspace >/dev/null
echo
echo "== podman kube play (converted Pod '$name')"
# podman 4.3 logs a harmless error when it removes the finished init container; show its output only on failure.
if ! out=$(podman kube play --network=none --quiet "$converted" 2>&1); then
  echo "$out" >&2
  exit 1
fi
podman wait "${steps[@]/#/$name-}" >/dev/null

echo
echo "== steps, from their own completion markers"
markers=$(podman volume inspect --format '{{.Mountpoint}}' kueueleuleu)/steps
printf '%-10s %-10s %-32s %-32s %s\n' STEP STATE STARTED FINISHED EXIT
for step in "${steps[@]}"; do
  jq -r '[.step, .state, (.startedAt // "-"), .finishedAt, (.exitCode // "-" | tostring)] | @tsv' "$markers/$step.json" |
    awk -F'\t' '{printf "%-10s %-10s %-32s %-32s %s\n", $1, $2, $3, $4, $5}'
done
echo
echo "== logs"
for step in "${steps[@]}"; do
  podman logs "$name-$step" 2>&1 | sed "s/^/[$step] /"
done
podman pod rm --force "$name" >/dev/null
podman volume rm --force kueueleuleu workspace >/dev/null
