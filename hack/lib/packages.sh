# Installing Debian packages for the hack/ scripts. Sourced, never executed.
# shellcheck shell=bash

# Installs the Debian packages that are missing; once all are there, a call only asks dpkg. Other tools on the
# machine may hold the dpkg lock for a while: apt waits for it instead of failing.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "${0##*/}: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
