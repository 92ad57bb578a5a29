#!/usr/bin/env bash
# Stops everything hack/cluster/up.sh started and undoes its changes to the host: pods (containers,
# sandboxes, network namespaces), kubelet mounts, the CNI bridge and leases, iptables rules of the
# kubelet and kube-proxy, the node IP on lo. Idempotent. `--purge` also deletes the state directory
# (certificates, etcd data, containerd images, logs); the cached Kubernetes binaries stay.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

# stop_component NAME: TERM, up to 20 s of grace, then KILL; only the pid recorded for this component.
stop_component() {
  local name=$1 pid i
  pid=$(component_pid "$name") || { rm -f "$PID_DIR/$name.pid"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 20s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_DIR/$name.pid"
}

# Removes every container and pod sandbox of the node through containerd. There is no crictl in Debian
# 12, so this goes through ctr; the CNI cleanup the CRI would do is done below by hand.
remove_pod_containers() {
  ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1 || return 0
  local ids id
  ids=$(ctr_k8s containers ls -q 2>/dev/null || true)
  [[ -n $ids ]] || return 0
  log "removing $(wc -w <<<"$ids") pod containers and sandboxes"
  for id in $ids; do ctr_k8s tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  sleep 1
  for id in $ids; do
    ctr_k8s tasks delete -f "$id" >/dev/null 2>&1 || true
    ctr_k8s containers delete "$id" >/dev/null 2>&1 || true
  done
}

# Unmounts everything below a directory, deepest first (kubelet volumes, containerd rootfs and shm).
unmount_below() {
  local dir=$1 mp
  [[ -d $dir ]] || return 0
  # /proc/self/mounts escapes spaces as \040; none of our paths contain spaces.
  awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r mp; do
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || log "could not unmount $mp"
  done
}

remove_pod_network() {
  local ns
  # Network namespaces the CRI created for sandboxes (cni-<uuid>); deleting them also removes the
  # pods' veth ends.
  for ns in /var/run/netns/cni-*; do
    [[ -e $ns ]] || continue
    umount "$ns" 2>/dev/null || true
    rm -f "$ns"
  done
  if ip link show "$CNI_BRIDGE" >/dev/null 2>&1; then
    log "removing bridge $CNI_BRIDGE"
    ip link delete "$CNI_BRIDGE" type bridge 2>/dev/null || true
  fi
  rm -rf "${CNI_IPAM_DIR:?}"/*
  rm -f "$CNI_CONF"
}

# kube-proxy --cleanup removes its own chains; the kubelet's KUBE-* chains (KUBE-FIREWALL,
# KUBE-MARK-*, KUBE-KUBELET-CANARY, ...) are removed here: first every rule that jumps to a KUBE-
# chain, then the chains themselves.
remove_iptables_rules() {
  if [[ -x $BIN_DIR/kube-proxy ]]; then "$BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  local table rules rule chains chain
  for table in filter nat mangle; do
    rules=$(iptables -t "$table" -S 2>/dev/null | awk '$1 == "-A" && $2 !~ /^KUBE-/ && / -j KUBE-/') || true
    while read -r rule; do
      [[ -n $rule ]] || continue
      # The rule text is iptables' own (with its quoting), so eval splits it back into the arguments.
      eval "iptables -t $table ${rule/#-A/-D}" 2>/dev/null || true
    done <<<"$rules"
    chains=$(iptables -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }') || true
    for chain in $chains; do iptables -t "$table" -F "$chain" 2>/dev/null || true; done
    for chain in $chains; do iptables -t "$table" -X "$chain" 2>/dev/null || true; done
  done
}

restore_host() {
  if node_ip_present; then ip addr del "$NODE_IP/32" dev lo; fi
  if [[ -f $STATE_DIR/ip_forward.orig ]]; then
    sysctl -qw net.ipv4.ip_forward="$(<"$STATE_DIR/ip_forward.orig")" || true
    rm -f "$STATE_DIR/ip_forward.orig"
  fi
}

main() {
  require_root
  local purge=false
  case ${1:-} in
    --purge) purge=true ;;
    "") ;;
    *) die "usage: $0 [--purge]" ;;
  esac
  lock_cluster
  # The kubelet first, so it does not restart the containers removed next; kube-proxy with it.
  stop_component kube-proxy
  stop_component kubelet
  remove_pod_containers
  stop_component containerd
  stop_component kube-scheduler
  stop_component kube-controller-manager
  stop_component kube-apiserver
  stop_component etcd
  unmount_below "$KUBELET_ROOT"
  unmount_below "$CONTAINERD_RUN"
  unmount_below "$CONTAINERD_ROOT"
  remove_pod_network
  remove_iptables_rules
  restore_host
  if $purge; then
    log "purging $STATE_DIR"
    rm -rf "${STATE_DIR:?}" "$CONTAINERD_RUN" /var/log/pods /var/log/containers
  fi
  log "cluster is down"
}

# Sourcing the file (for debugging single steps) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
