#!/usr/bin/env bash
# Installs what building, running and testing Waypoint needs on a Debian machine of the
# project's kind, from the package registries only (Debian, crates.io, npm). Each step checks
# first, so a second run does nothing and takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

# Must equal the wasm-bindgen crate version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
# postgresql: only its programs are used, by scripts/with-postgres.sh (a throwaway cluster in a
# temporary folder); the package's own service is never started. fonts-noto-core: Chromium has
# no Arabic-script font without it, and the Urdu pages' layout is checked at 320 px.
DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src lld-22 chromium fonts-noto-core brotli postgresql)

say() { printf '\n== %s\n' "$*"; }

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# The browser build relies on Debian's rustc having the standard library's source.
[ -d /usr/lib/rustlib/src/rust/library ] || { echo "rust-web-src did not provide the std source" >&2; exit 1; }

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes once)"
  # No --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --quiet
fi

# npm packages, exactly as locked, each folder reinstalled only when its lock changes: the
# browser tests' (end2end/) and the build's wasm-opt (scripts/).
for folder in end2end scripts; do
  stamp=$folder/node_modules/.package-lock.sha256
  want=$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages in $folder/ (npm ci)"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
