#!/usr/bin/env bash
# Installs what is missing and runs every check CI runs: formatting, lints, unit and
# integration tests, the release browser build, and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

scripts/setup.sh

# A one-off build gains nothing from incremental caches, which cost gigabytes of disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The browser-only code (feature "hydrate") is linted too, on the host target.
cargo clippy -p app --no-default-features --features hydrate --quiet -- -D warnings

step "reading age of the young person's words (UK reading age 9 or below)"
node end2end/reading-age.mjs

step "unit and integration tests (SQLite)"
cargo test --workspace --quiet -- --skip postgres_only::

# The same integration tests on a throwaway PostgreSQL the script starts and deletes, with
# the two-server tests; the SQLite engine's own tests (migration rebuilds, SIGKILL
# durability) were run above.
step "integration tests on PostgreSQL"
scripts/with-postgres.sh cargo test -p server --test api --quiet -- --skip sqlite_only::

step "release browser build"
scripts/build-site.sh release

step "browser payload budget"
scripts/check-size.sh

step "server for the end-to-end tests"
cargo build -p server --quiet

step "end-to-end tests (headless Chromium)"
(cd end2end && WAYPOINT_BIN=../target/debug/waypoint WAYPOINT_SITE_ROOT=../target/site node --test --test-concurrency=1 tests/)
