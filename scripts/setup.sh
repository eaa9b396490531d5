#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; quick when
# everything is there. Installs only from package registries:
#   - the wasm32 target (rustup)
#   - wasm-bindgen-cli at the exact version of the wasm-bindgen crate in Cargo.lock (crates.io)
#   - binaryen (wasm-opt), esbuild (the build's shipped JS without comments),
#     playwright-core and the consumers the package is tested in (rollup,
#     workerd, deno, bun), pinned in tools/package.json (npm)
#   - chromium, chromium-driver and a font (Debian)
#   - the warehouse engines the SQL tests run on (DuckDB, chdb, PySpark,
#     sqlglot), pinned in tests/warehouse/requirements.txt, in the venv
#     tools/engines-venv (PyPI), and Java 17 for Spark (Debian)
# Never installs Debian's binaryen (its wasm-opt breaks wasm-bindgen output)
# and never lets a tool download its own browser.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || { echo "cargo (Rust via rustup) is required" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then rustup component add clippy; fi
if ! rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then rustup component add rustfmt; fi

# The CLI must match the crate exactly (Cargo.lock is committed).
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $want (about 2 minutes)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi
stamp=tools/node_modules/.installed-from
if [ ! -f "$stamp" ] || ! cmp -s tools/package-lock.json "$stamp"; then
  say "installing npm tools (binaryen, playwright-core, rollup, workerd, deno, bun)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json "$stamp"
fi
# The tools the packed package is tested in (tests/package/matrix.mjs):
# Vite, webpack, Parcel, Jest, Vitest, TypeScript 5.0, Node 18 and 22.
stamp=tests/package/matrix/node_modules/.installed-from
if [ ! -f "$stamp" ] || ! cmp -s tests/package/matrix/package-lock.json "$stamp"; then
  say "installing the package's consumer matrix (Vite, webpack, Parcel, Jest, Vitest, TypeScript 5.0, Node 18 and 22)"
  (cd tests/package/matrix && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/package/matrix/package-lock.json "$stamp"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver from Debian"
  apt_install chromium chromium-driver fonts-dejavu-core
fi
# Spark runs on the JVM; Debian's Java 17 is what it was checked with.
if ! java -version >/dev/null 2>&1; then
  say "installing Java 17 for Spark from Debian"
  apt_install openjdk-17-jre-headless
fi
venv=tools/engines-venv
stamp=$venv/.installed-from
if [ ! -f "$stamp" ] || ! cmp -s tests/warehouse/requirements.txt "$stamp"; then
  say "installing the warehouse engines (duckdb, chdb, pyspark, sqlglot; about 1.5 GB, under a minute)"
  # A fresh venv each time the pins change: nothing left over from the last ones.
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    say "installing python3-venv from Debian"
    apt_install python3-venv
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r tests/warehouse/requirements.txt
  cp tests/warehouse/requirements.txt "$stamp"
fi
say "ready: $(rustc --version | cut -d' ' -f1-2), wasm-bindgen $want, node $(node --version), $(chromium --version 2>/dev/null | head -1), $(java -version 2>&1 | head -1), engines in $venv"
