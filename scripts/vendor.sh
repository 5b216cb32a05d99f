#!/usr/bin/env bash
# Refresh the vendored front-end packages from the npm registry.
# usage: scripts/vendor.sh   (needs npm; commit the result and update static/vendor/README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/src/shiliu/static/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() {  # package@version file... -> vendor/<folder>/
  local spec=$1 folder=$2; shift 2
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null && mkdir -p "$folder" && tar xzf ./*.tgz -C "$folder" && rm ./*.tgz)
  mkdir -p "$dest/$folder"
  for f in "$@"; do cp "$tmp/$folder/package/$f" "$dest/$folder/"; done
  cp "$tmp/$folder/package/LICENSE" "$dest/$folder/"
}
fetch htmx.org@2.0.11 htmx dist/htmx.min.js
fetch echarts@5.6.0 echarts dist/echarts.min.js
echo "vendored into $dest"
