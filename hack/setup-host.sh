#!/usr/bin/env bash
# Installs and configures what building and testing kueueleuleu needs on a Debian 12 machine:
# Go (for the entrypoint), podman with runc (to run converted Pods in real containers) and
# busybox-static (the step image of the tests). Idempotent: a second run only checks.
set -euo pipefail

packages=(golang-go podman runc catatonit busybox-static jq)

# shellcheck source=lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
ensure_packages "${packages[@]}"

# crun fails on this machine's cgroup layout and the sandbox refuses ulimits above the current hard
# limits, so podman needs runc and explicit ulimits.
conf=/etc/containers/containers.conf
want='# managed by kueueleuleu hack/setup-host.sh
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"'
if [[ ! -f $conf ]] || ! grep -q 'managed by kueueleuleu' "$conf"; then
  mkdir -p /etc/containers
  printf '%s\n' "$want" >"$conf"
fi
