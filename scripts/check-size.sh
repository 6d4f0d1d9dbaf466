#!/usr/bin/env bash
# The browser payload budget (issue 16), checked on the release build: the WebAssembly and
# its JavaScript glue, brotli-compressed as they are served. A page with an island loads
# these two files and a page without one loads neither, so this is the most any page loads.
# Fails, with the figures, when over budget: the payload must never silently grow again.
set -euo pipefail
cd "$(dirname "$0")/.."

# The issue's aim (75 KB, a markup-centric site's budget), well under its 100 KB limit, so
# growth is caught while there is room to deal with it.
budget=75000 # bytes, brotli: wasm + js
site=target/site/pkg
wasm=$(ls "$site"/waypoint.*.wasm.br)
js=$(ls "$site"/waypoint.*.js.br)
wasm_bytes=$(stat -c %s "$wasm")
js_bytes=$(stat -c %s "$js")
total=$((wasm_bytes + js_bytes))
printf 'browser payload (brotli): wasm %s + js %s = %s bytes; budget %s\n' \
  "$wasm_bytes" "$js_bytes" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "over budget by $((total - budget)) bytes: see README, Performance" >&2
  exit 1
fi
