#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs what it needs, builds the local images,
# then runs the Go tests of the entrypoint and every .NET test project: unit tests, end-to-end runs in
# podman, and tests against a local single-node Kubernetes cluster that the tests bring up themselves
# (hack/cluster/up.sh; the first run on a machine builds Kubernetes from Debian's source, ~20 minutes).
# Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

hack/setup-host.sh
hack/images.sh

log=$(mktemp -d)
status=0

echo "== go test (src/Entrypoint)"
(cd src/Entrypoint && GOFLAGS=-mod=mod GOPROXY=off go vet ./... && GOPROXY=off go test -count=1 -v ./...) >"$log/go.txt" 2>&1 || status=1
grep -E '^(--- FAIL|FAIL|ok|PASS)' "$log/go.txt" || true
[[ $status == 0 ]] || cat "$log/go.txt"
go_passed=$(grep -c -- '^--- PASS' "$log/go.txt" || true)
go_failed=$(grep -c -- '^--- FAIL' "$log/go.txt" || true)

echo "== dotnet build"
dotnet build Kueueleuleu.sln --nologo -v quiet || exit 1
# One project at a time: the cluster suites share one API server, and the client's suite restarts it.
# KueueleuleuAllTests includes the tests marked as needing the cluster or podman, which a plain `dotnet test` leaves
# out (tests/Directory.Build.props, docs/testing.md).
for project in tests/*/*.Tests.csproj; do
  echo "== dotnet test $project"
  dotnet test "$project" --no-build --nologo -p:KueueleuleuAllTests=true 2>&1 | tee -a "$log/dotnet.txt" || status=1
done
# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 42, Skipped: 0, Total: 42, ..."
read -r net_failed net_passed net_skipped < <(awk -F'[:,]' '/ - Failed: /{f+=$2; p+=$4; s+=$6} END{print f+0, p+0, s+0}' "$log/dotnet.txt")

passed=$((go_passed + net_passed))
failed=$((go_failed + net_failed))
rm -rf "$log"
if ((passed == 0)); then
  echo "no test ran" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${net_skipped} skipped"
exit $status
