#!/usr/bin/env bash
# The GitOps health tests, for CI: Argo CD's health.lua run by lua5.1 on every case of health_test.yaml (the tests
# install Debian's lua5.1 when it is missing), and kstatus' rules (Flux) on the same captured objects. hack/test.sh
# runs the same project with every other tests/*/*.Tests.csproj.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test tests/GitOps.Tests/Kueueleuleu.GitOps.Tests.csproj --nologo "$@"
