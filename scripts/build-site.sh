#!/usr/bin/env bash
# Builds the browser half into target/site: the islands' wasm (crate frontend/, with Debian's
# rustc, which can rebuild std for wasm32), its JS glue, the stylesheet and public/ files,
# with content-hashed names so they can be cached for a year.
# Usage: scripts/build-site.sh [release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-release}"
site="target/site"
pkg="$site/pkg"
name="waypoint"

case "$mode" in
  release) profile="wasm-release"; profile_dir="wasm-release"; bindgen_flags=(--remove-name-section --remove-producers-section) ;;
  debug) profile="dev"; profile_dir="debug"; bindgen_flags=(--debug --keep-debug) ;;
  *) echo "usage: $0 [release|debug]" >&2; exit 2 ;;
esac

# Separate target dir: a different rustc and RUSTC_BOOTSTRAP would otherwise invalidate the
# server's build cache every time (toolchain.md, "Keep RUSTC_BOOTSTRAP out of the server build").
# Size flags, each kept because it shrank the brotli wasm when measured on its own
# (README, Performance): -Zfmt-debug=none drops `{:?}` formatting; -Zlocation-detail=none
# drops the file and line kept for each panic; panic=immediate-abort drops panic messages and
# the machinery to print them (a panic in an island stops that island; the page itself is
# server HTML and its forms still post); std's optimize_for_size picks its smaller variants.
size_flags=""
std_features=()
if [ "$mode" = release ]; then
  size_flags="-Zfmt-debug=none -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort"
  std_features=(-Zbuild-std-features=optimize_for_size)
fi
RUSTFLAGS="$size_flags" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/wasm cargo build \
  --config "build.rustc='/usr/bin/rustc'" \
  -Zbuild-std=std,panic_abort "${std_features[@]}" \
  --target wasm32-unknown-unknown \
  --profile "$profile" \
  -p frontend --lib

rm -rf "$site.new"
mkdir -p "$site.new/pkg"
wasm-bindgen "target/wasm/wasm32-unknown-unknown/$profile_dir/frontend.wasm" \
  --target web --no-typescript --out-dir "$site.new/pkg" --out-name "$name" "${bindgen_flags[@]}"

# wasm-opt from npm's binaryen (scripts/package.json; Debian's 108 breaks the output), for
# the features rustc's wasm32 target turns on. It shrank the brotli wasm by 2.4 % when
# measured on its own (README, Performance).
if [ "$mode" = release ]; then
  scripts/node_modules/.bin/wasm-opt -Oz --converge \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$site.new/pkg/${name}_bg.wasm" -o "$site.new/pkg/${name}_bg.wasm"
fi

hash() { sha256sum "$1" | cut -c1-16; }
js_hash=$(hash "$site.new/pkg/$name.js")
wasm_hash=$(hash "$site.new/pkg/${name}_bg.wasm")
css_hash=$(hash style/main.css)
mv "$site.new/pkg/$name.js" "$site.new/pkg/$name.$js_hash.js"
mv "$site.new/pkg/${name}_bg.wasm" "$site.new/pkg/$name.$wasm_hash.wasm"
cp style/main.css "$site.new/pkg/$name.$css_hash.css"
# Leptos reads this file (hash-files mode) to name the script and wasm in every page.
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" > "$site.new/hash.txt"

cp -R public/. "$site.new/"
cp style/main.css "$site.new/offline.css"
# The service worker precaches exactly this release's shell, and keeps the islands' code when
# a page first uses it; its version changes when any of them does, which is what makes the
# browser install the new worker and drop the old cache.
shell_files=("/pkg/$name.$css_hash.css")
for f in "$site.new"/icons/*.png; do shell_files+=("/icons/$(basename "$f")"); done
shell_files+=("/offline.html" "/offline-cy.html" "/offline-pl.html" "/offline-ro.html" "/offline-ur.html" "/offline.css" "/manifest.webmanifest" "/register-sw.js" "/offline-queue.js" "/quick-exit.js" "/favicon.ico")
on_use_files=("/pkg/$name.$js_hash.js" "/pkg/$name.$wasm_hash.wasm")
# The version is a hash of the files' contents, not their names: offline.css or the manifest
# can change under the same name, and the worker must notice.
version=$(cd "$site.new" && cat "${shell_files[@]#/}" "${on_use_files[@]#/}" | sha256sum | cut -c1-16)
json_list() { local list; list=$(printf '"%s",' "$@"); printf '%s' "${list%,}"; }
sed -e "s|__VERSION__|$version|" \
  -e "s|\"__SHELL_FILES__\"|$(json_list "${shell_files[@]}")|" \
  -e "s|\"__ON_USE_FILES__\"|$(json_list "${on_use_files[@]}")|" \
  public/sw.js > "$site.new/sw.js"

# Pre-compressed copies: served as-is to browsers that accept them, no work per request.
if command -v brotli >/dev/null; then
  for f in "$site.new"/pkg/*; do brotli -q 11 -k -f "$f"; done
fi
for f in "$site.new"/pkg/*.js "$site.new"/pkg/*.wasm "$site.new"/pkg/*.css; do gzip -9 -k -f "$f"; done

rm -rf "$site.old"
[ -d "$site" ] && mv "$site" "$site.old"
mv "$site.new" "$site"
rm -rf "$site.old"
echo "site built ($mode): $site (js $js_hash, wasm $wasm_hash, css $css_hash)"
