#!/usr/bin/env bash
# Builds the npm package in pkg/: the release wasm, bound for browsers and
# bundlers (pkg/web, ES module) and for Node (pkg/node, CommonJS), each
# optimised by wasm-opt from npm binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --target wasm32-unknown-unknown --lib --features wasm
wasm=target/wasm32-unknown-unknown/release/market_validation.wasm
wasm_opt=tools/node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "wasm-opt missing: run scripts/setup.sh" >&2; exit 1; }

for target in web node; do
  out=pkg/$target
  rm -rf "$out"
  mode=$target; [ "$target" = node ] && mode=nodejs
  wasm-bindgen --target "$mode" --out-dir "$out" --out-name market_validation "$wasm"
  # -Oz with the features rustc emits (bulk memory, non-trapping float-to-int, ...).
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/market_validation_bg.wasm" -o "$out/market_validation_bg.wasm"
done

# Both targets bind the same module, so ship it once: the Node build loads
# the web build's copy (and the build fails if wasm-bindgen's loader line
# changes, rather than shipping a package that cannot find its wasm).
cmp -s pkg/web/market_validation_bg.wasm pkg/node/market_validation_bg.wasm
rm pkg/node/market_validation_bg.wasm pkg/web/market_validation_bg.wasm.d.ts pkg/node/market_validation_bg.wasm.d.ts
loader='const wasmPath = `${__dirname}/market_validation_bg.wasm`;'
grep -qF "$loader" pkg/node/market_validation.js
sed -i "s|^const wasmPath = .*|const wasmPath = require('path').join(__dirname, '..', 'web', 'market_validation_bg.wasm');|" pkg/node/market_validation.js

# The JS snippets the bindings import (src/wasm/reads.js) are ES modules;
# the Node build is CommonJS and Node 20 cannot require an ES module, so the
# Node copy is turned into CommonJS (the build fails on any other export form).
for snippet in $(find pkg/node/snippets -name '*.js' 2>/dev/null); do
  names=$(sed -n -E 's/^export function ([A-Za-z0-9_]+)\(.*/\1/p' "$snippet" | paste -sd, -)
  sed -i -E 's/^export function /function /' "$snippet"
  if grep -qE '^\s*export\b|^\s*import\b' "$snippet"; then
    echo "$snippet: only 'export function' is turned into CommonJS" >&2; exit 1
  fi
  printf '\nmodule.exports = { %s };\n' "${names//,/, }" >> "$snippet"
done

# Node: the CommonJS build, plus an ES-module facade with the same init API
# as the web build (init/initSync are no-ops: Node loads the wasm itself).
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
exports=$(sed -n -E 's/^exports\.([A-Za-z0-9_]+) = .*/\1/p' pkg/node/market_validation.js | paste -sd, - | sed 's/,/, /g')
[ -n "$exports" ] || { echo "no exports found in pkg/node/market_validation.js" >&2; exit 1; }
sed "s|/\* EXPORTS \*/|$exports|" pkg/templates/node-index.mjs > pkg/node/index.mjs
cp pkg/templates/node-index.d.ts pkg/node/index.d.mts
cp LICENSE-MIT LICENSE-APACHE pkg/
rm -f pkg/web/.gitignore pkg/node/.gitignore
# wasm-bindgen types the raw wasm exports of InitOutput with `any`; the
# public API has none, and neither should anything a user can reach.
sed -i -E '/^ *readonly [A-Za-z0-9_]+: /s/\bany\b/unknown/g' pkg/web/market_validation.d.ts
raw=$(stat -c %s pkg/web/market_validation_bg.wasm)
gz=$(gzip -9 -c pkg/web/market_validation_bg.wasm | wc -c)
echo "[build] pkg/ ready: market_validation_bg.wasm $raw bytes raw, $gz bytes gzip"
