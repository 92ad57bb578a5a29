#!/bin/sh
# An exec credential plugin that reports what it was given: its token is
# "plugin.<args>.<exec info>.<PLUGIN_GREETING>", each part base64url, the args NUL-terminated.
# So the Authorization header a client sends shows exactly which argv, KUBERNETES_EXEC_INFO and
# environment the client ran the plugin with.
set -eu
b64() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
args=$(for a in "$@"; do printf '%s\0' "$a"; done | b64)
info=$(printf '%s' "${KUBERNETES_EXEC_INFO:-}" | b64)
greeting=$(printf '%s' "${PLUGIN_GREETING:-}" | b64)
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"plugin.%s.%s.%s"}}\n' \
  "${PLUGIN_API_VERSION:?}" "$args" "$info" "$greeting"
