#!/usr/bin/env bash
# Captures the manifests and configs the local plain registry (hack/registry/up.sh, http://127.0.0.1:5000) serves for the
# test images, byte for byte, into Captured/: NAME.manifest.json (or .index.json), NAME.config.json, and for the index's
# entries NAME-ARCH.manifest.json / NAME-ARCH.config.json. The headers go to *.headers so the tests see the
# Content-Type and Docker-Content-Digest the registry sent. Rerun after the images change.
set -euo pipefail
registry=${1:-http://127.0.0.1:5000}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/Captured"
mkdir -p "$out"
accept='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'

fetch() { # url file
    curl -fsS -D "$2.headers" -o "$2" -H "Accept: $accept" "$1"
    sed -i -e 's/\r$//' -e '/^Date:/d' "$2.headers"
}

config_of() { # manifest-file name
    local digest
    digest=$(jq -r '.config.digest' "$1")
    fetch "$registry/v2/kueueleuleu-test/$name/blobs/$digest" "$out/$2.config.json"
}

for name in neither entrypoint-only cmd-only both docker-v2s2 multi; do
    fetch "$registry/v2/kueueleuleu-test/$name/manifests/1" "$out/$name.manifest.json"
    if jq -e '.manifests' "$out/$name.manifest.json" >/dev/null; then
        mv "$out/$name.manifest.json" "$out/$name.index.json"
        mv "$out/$name.manifest.json.headers" "$out/$name.index.json.headers"
        for arch in $(jq -r '.manifests[].platform.architecture' "$out/$name.index.json"); do
            digest=$(jq -r --arg a "$arch" '.manifests[] | select(.platform.architecture == $a) | .digest' "$out/$name.index.json")
            fetch "$registry/v2/kueueleuleu-test/$name/manifests/$digest" "$out/$name-$arch.manifest.json"
            config_of "$out/$name-$arch.manifest.json" "$name-$arch"
        done
    else
        config_of "$out/$name.manifest.json" "$name"
    fi
done
rm -f "$out"/*.config.json.headers
ls -l "$out"
