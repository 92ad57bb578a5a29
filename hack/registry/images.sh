# The test images of the local registries: built with podman from local parts (nothing can be pulled here),
# pushed to each registry, checked there and recorded in images.json. Sourced by up.sh, never executed.
# shellcheck shell=bash

# The recipes: name, ENTRYPOINT, CMD (JSON, or null for none), where the image goes. `neither` is the base of the
# others: busybox-static as /bin/busybox with /bin/echo and /bin/sh pointing at it, no ENTRYPOINT and no CMD.
# `multi` is an OCI index of two images built from its own lines in MULTI_PLATFORMS.
# Every image is in each registry except `private-only`, which only `basic` has (a repository that needs the login).
IMAGE_RECIPES=(
  'neither|null|null|all'
  'entrypoint-only|["/bin/echo","from-entrypoint"]|null|all'
  'cmd-only|null|["/bin/echo","from-cmd"]|all'
  'both|["/bin/echo","entry"]|["cmd"]|all'
  'docker-v2s2|["/bin/echo","from-docker"]|["v2s2"]|all'
  'multi|-|-|all'
  'private-only|null|["/bin/echo","private"]|basic'
)
# platform, ENTRYPOINT, CMD of the index `multi`. The arm64 image is FROM scratch with COPY and CMD only, so
# building it needs no emulation; it never runs here, only its configuration is read.
MULTI_PLATFORMS=(
  'linux/amd64|null|["/bin/echo","amd64"]'
  'linux/arm64|null|["/bin/echo","arm64"]'
)

local_image() { echo "localhost/$REPO_PREFIX/$1:$IMAGE_TAG"; }
remote_image() { echo "$(registry_host "$1")/$REPO_PREFIX/$2:$IMAGE_TAG"; }

# image_names REGISTRY: the images that registry holds, in recipe order.
image_names() {
  local recipe name where
  for recipe in "${IMAGE_RECIPES[@]}"; do
    IFS='|' read -r name _ _ where <<<"$recipe"
    [[ $where == all || $where == "$1" ]] && echo "$name"
  done
  return 0
}

# What the images are made of: these recipes and the busybox binary. A change in either rebuilds and pushes again.
recipe_stamp() {
  { declare -p IMAGE_RECIPES MULTI_PLATFORMS; sha256sum /bin/busybox; cat "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-16
}

# ---------------------------------------------------------------------------------------------------------
# Building (podman)

image_current() {
  podman image exists "$1" &&
    [[ $(podman image inspect --format '{{index .Labels "io.kueueleuleu.recipe"}}' "$1") == "$STAMP" ]]
}

# podman_build IMAGE PLATFORM CONTEXT: a deterministic build (--timestamp 0: the same recipe gives the same digests).
podman_build() {
  podman build --quiet --pull=never --timestamp 0 --platform "$2" --label "io.kueueleuleu.recipe=$STAMP" \
    -t "$1" -f "$3/Containerfile" "$3" >/dev/null
}

build_neither() {
  local image ctx
  image=$(local_image neither)
  image_current "$image" && return 0
  ctx=$(mktemp -d)
  mkdir -p "$ctx/rootfs/bin"
  cp /bin/busybox "$ctx/rootfs/bin/busybox"
  ln -s busybox "$ctx/rootfs/bin/echo"
  ln -s busybox "$ctx/rootfs/bin/sh"
  tar -C "$ctx/rootfs" --owner=0 --group=0 --numeric-owner -cf "$ctx/rootfs.tar" .
  printf 'FROM scratch\nADD rootfs.tar /\nENV PATH=/bin\n' >"$ctx/Containerfile"
  podman_build "$image" linux/amd64 "$ctx"
  rm -rf "$ctx"
}

# containerfile_lines ENTRYPOINT CMD
containerfile_lines() {
  [[ $1 == null ]] || echo "ENTRYPOINT $1"
  [[ $2 == null ]] || echo "CMD $2"
}

# build_from_neither IMAGE ENTRYPOINT CMD [PLATFORM]
build_from_neither() {
  local image=$1 ctx
  image_current "$image" && return 0
  ctx=$(mktemp -d)
  { echo "FROM $(local_image neither)"; containerfile_lines "$2" "$3"; } >"$ctx/Containerfile"
  podman_build "$image" "${4:-linux/amd64}" "$ctx"
  rm -rf "$ctx"
}

build_from_scratch() {
  local image=$1 platform=$4 ctx
  image_current "$image" && return 0
  ctx=$(mktemp -d)
  echo "$platform" >"$ctx/platform.txt"
  { echo "FROM scratch"; echo "COPY platform.txt /platform.txt"; containerfile_lines "$2" "$3"; } >"$ctx/Containerfile"
  podman_build "$image" "$platform" "$ctx"
  rm -rf "$ctx"
}

platform_image() { local_image "multi-${1//\//-}"; }

build_multi() {
  local line platform ep cmd list
  list=$(local_image multi)
  for line in "${MULTI_PLATFORMS[@]}"; do
    IFS='|' read -r platform ep cmd <<<"$line"
    if [[ $platform == linux/amd64 ]]; then
      build_from_neither "$(platform_image "$platform")" "$ep" "$cmd" "$platform"
    else
      build_from_scratch "$(platform_image "$platform")" "$ep" "$cmd" "$platform"
    fi
  done
  # The list is made anew each time: adding to an existing one would keep entries of an older recipe.
  if podman manifest exists "$list" 2>/dev/null || podman image exists "$list"; then podman manifest rm "$list" >/dev/null 2>&1 || podman rmi "$list" >/dev/null; fi
  podman manifest create "$list" >/dev/null
  for line in "${MULTI_PLATFORMS[@]}"; do
    IFS='|' read -r platform _ _ <<<"$line"
    podman manifest add "$list" "containers-storage:$(platform_image "$platform")" >/dev/null
  done
}

build_images() {
  local recipe name ep cmd
  build_neither
  for recipe in "${IMAGE_RECIPES[@]}"; do
    IFS='|' read -r name ep cmd _ <<<"$recipe"
    case $name in
      neither) ;;
      multi) build_multi ;;
      *) build_from_neither "$(local_image "$name")" "$ep" "$cmd" ;;
    esac
  done
}

# ---------------------------------------------------------------------------------------------------------
# Pushing (podman)

# push_options REGISTRY: how podman reaches it (plain HTTP; or our CA and the basic credentials).
push_options() {
  case $1 in
    plain) echo --tls-verify=false ;;
    basic) echo --cert-dir="$REG_PODMAN_CERTS" --creds="$REGISTRY_USER:$(<"$REG_AUTH/password")" ;;
    *) die "images are pushed to plain and basic only (token serves plain's storage)" ;;
  esac
}

push_images() {
  local registry=$1 name opts
  # shellcheck disable=SC2207 # the options contain no spaces by construction
  opts=($(push_options "$registry"))
  log "pushing the test images to $registry ($(registry_host "$registry"))"
  while read -r name; do
    case $name in
      multi) podman manifest push --quiet --all --format oci "${opts[@]}" "$(local_image multi)" \
        "docker://$(remote_image "$registry" multi)" >/dev/null ;;
      docker-v2s2) podman push --quiet --format v2s2 "${opts[@]}" "$(local_image "$name")" "$(remote_image "$registry" "$name")" ;;
      *) podman push --quiet --format oci "${opts[@]}" "$(local_image "$name")" "$(remote_image "$registry" "$name")" ;;
    esac
  done < <(image_names "$registry")
}

# ---------------------------------------------------------------------------------------------------------
# Reading them back from the registries (curl), as a client would

ACCEPT_MANIFESTS='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'

# A pull token for every test repository, signed with the issuer key exactly as a token service must (see
# docs/registry.md): up.sh checks with it that the token registry trusts the issuer and serves the images.
mint_pull_token() {
  local now header claims access input signature
  now=$(date +%s)
  access=$(image_names token | jq -R --arg prefix "$REPO_PREFIX" '{type: "repository", name: ($prefix + "/" + .), actions: ["pull"]}' | jq -cs .)
  header=$(jq -cn --arg cert "$(openssl x509 -in "$REG_TOKEN/issuer.crt" -outform DER | openssl base64 -A)" \
    '{typ: "JWT", alg: "RS256", x5c: [$cert]}')
  claims=$(jq -cn --arg iss "$TOKEN_ISSUER" --arg aud "$TOKEN_SERVICE" --argjson now "$now" --argjson access "$access" \
    --arg jti "$(openssl rand -hex 12)" \
    '{iss: $iss, sub: "hack-registry-up", aud: $aud, exp: ($now + 300), nbf: $now, iat: $now, jti: $jti, access: $access}')
  input="$(printf %s "$header" | b64url).$(printf %s "$claims" | b64url)"
  signature=$(printf %s "$input" | openssl dgst -sha256 -sign "$REG_TOKEN/issuer.key" -binary | b64url)
  echo "$input.$signature"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# registry_curl REGISTRY PATH [CURL ARGS...]: an authenticated request to one registry.
registry_curl() {
  local registry=$1 path=$2
  shift 2
  local auth=()
  case $registry in
    basic) auth=(--cacert "$REG_PKI/ca.crt" -u "$REGISTRY_USER:$(<"$REG_AUTH/password")") ;;
    token) auth=(--cacert "$REG_PKI/ca.crt" -H "Authorization: Bearer $PULL_TOKEN") ;;
  esac
  curl -sf --max-time 10 "${auth[@]}" "$@" "$(registry_url "$registry")/v2/$path"
}

# manifest_digest REGISTRY NAME: the digest the registry answers for tag 1 (empty when it has none).
manifest_digest() {
  registry_curl "$1" "$REPO_PREFIX/$2/manifests/$IMAGE_TAG" -I -H "Accept: $ACCEPT_MANIFESTS" 2>/dev/null |
    tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

# config_of REGISTRY REPOSITORY MANIFEST_JSON: ENTRYPOINT and CMD of the image configuration the manifest names.
config_of() {
  local digest
  digest=$(jq -r .config.digest <<<"$3")
  registry_curl "$1" "$2/blobs/$digest" -L | jq -c '{entrypoint: (.config.Entrypoint // null), cmd: (.config.Cmd // null), os, architecture}'
}

# expect_config WHAT ACTUAL ENTRYPOINT CMD: fails unless the configuration read back is the recipe's.
expect_config() {
  local want
  want=$(jq -cn --argjson e "$3" --argjson c "$4" '{entrypoint: $e, cmd: $c}')
  [[ $(jq -c '{entrypoint, cmd}' <<<"$2") == "$want" ]] || die "$1: the registry has the configuration $2, the recipe says $want"
}

# record_image REGISTRY NAME ENTRYPOINT CMD: one images.json entry, checked against the recipe.
record_image() {
  local registry=$1 name=$2 repo=$REPO_PREFIX/$2 headers body digest type config platforms='[]'
  headers=$(mktemp)
  body=$(registry_curl "$registry" "$repo/manifests/$IMAGE_TAG" -H "Accept: $ACCEPT_MANIFESTS" -D "$headers") ||
    die "$registry has no $repo:$IMAGE_TAG"
  digest=$(tr -d '\r' <"$headers" | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')
  type=$(tr -d '\r' <"$headers" | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
  rm -f "$headers"
  [[ sha256:$(printf %s "$body" | sha256sum | cut -d' ' -f1) == "$digest" ]] || die "$registry $repo: the manifest does not hash to $digest"
  if [[ $name == multi ]]; then
    platforms=$(record_platforms "$registry" "$repo" "$body")
  else
    config=$(config_of "$registry" "$repo" "$body")
    expect_config "$registry $repo" "$config" "$3" "$4"
  fi
  jq -cn --arg registry "$registry" --arg name "$name" --arg host "$(registry_host "$registry")" --arg repo "$repo" \
    --arg tag "$IMAGE_TAG" --arg digest "$digest" --arg type "$type" --argjson e "$3" --argjson c "$4" \
    --argjson platforms "$platforms" \
    '{registry: $registry, name: $name, reference: ($host + "/" + $repo + ":" + $tag), repository: $repo, tag: $tag,
      digest: $digest, mediaType: $type, entrypoint: $e, cmd: $c, platforms: $platforms}'
}

# record_platforms REGISTRY REPOSITORY INDEX_JSON: the index's entries, each checked against MULTI_PLATFORMS.
record_platforms() {
  local registry=$1 repo=$2 index=$3 line platform ep cmd digest manifest config entries=()
  for line in "${MULTI_PLATFORMS[@]}"; do
    IFS='|' read -r platform ep cmd <<<"$line"
    digest=$(jq -r --arg os "${platform%/*}" --arg arch "${platform#*/}" \
      '.manifests[] | select(.platform.os == $os and .platform.architecture == $arch) | .digest' <<<"$index")
    [[ $digest == sha256:* ]] || die "$registry $repo: the index has no $platform entry"
    manifest=$(registry_curl "$registry" "$repo/manifests/$digest" -H "Accept: $ACCEPT_MANIFESTS")
    config=$(config_of "$registry" "$repo" "$manifest")
    expect_config "$registry $repo $platform" "$config" "$ep" "$cmd"
    [[ $(jq -r '.os + "/" + .architecture' <<<"$config") == "$platform" ]] || die "$registry $repo: $platform entry's configuration says $config"
    entries+=("$(jq -cn --arg p "$platform" --arg d "$digest" --argjson e "$ep" --argjson c "$cmd" \
      '{platform: $p, digest: $d, entrypoint: $e, cmd: $c}')")
  done
  printf '%s\n' "${entries[@]}" | jq -cs .
}

recipe_of() {
  local recipe name
  for recipe in "${IMAGE_RECIPES[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$recipe"
    [[ $name == "$1" ]] && { echo "$recipe"; return 0; }
  done
  die "no recipe $1"
}

write_images_json() {
  local registry name ep cmd entries
  entries=$(mktemp)
  for registry in "${REGISTRIES[@]}"; do
    while read -r name; do
      IFS='|' read -r _ ep cmd _ <<<"$(recipe_of "$name")"
      [[ $name != multi ]] || { ep=null; cmd=null; }
      record_image "$registry" "$name" "$ep" "$cmd" >>"$entries"
    done < <(image_names "$registry")
  done
  jq -s --arg stamp "$STAMP" \
    --arg plain "$(registry_url plain)" --arg basic "$(registry_url basic)" --arg token "$(registry_url token)" \
    '{stamp: $stamp,
      registries: {plain: {url: $plain, auth: "none"}, basic: {url: $basic, auth: "basic"}, token: {url: $token, auth: "bearer"}},
      images: .}' "$entries" >"$REG_IMAGES_JSON.new"
  rm -f "$entries"
  mv "$REG_IMAGES_JSON.new" "$REG_IMAGES_JSON"
}

# images_recorded: images.json is of this recipe and every registry still answers each tag with its digest.
images_recorded() {
  [[ -s $REG_IMAGES_JSON && $(jq -r .stamp "$REG_IMAGES_JSON") == "$STAMP" ]] || return 1
  local registry name digest
  while IFS=$'\t' read -r registry name digest; do
    [[ $(manifest_digest "$registry" "$name") == "$digest" ]] || return 1
  done < <(jq -r '.images[] | [.registry, .name, .digest] | @tsv' "$REG_IMAGES_JSON")
}

ensure_images() {
  STAMP=$(recipe_stamp)
  PULL_TOKEN=$(mint_pull_token)
  if images_recorded; then return 0; fi
  log "building the test images (podman)"
  build_images
  push_images plain
  push_images basic
  write_images_json
}

print_images() {
  jq -r '.images[] | "\(.reference)\t\(.digest)"' "$REG_IMAGES_JSON"
}
