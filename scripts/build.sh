#!/usr/bin/env bash
# Builds the npm package in pkg/, in parts (cargo features), each bound for
# browsers and bundlers (pkg/web, ES modules) and for Node (pkg/node,
# CommonJS), each .wasm optimised by wasm-opt from npm binaryen:
#
#   score      analyze, analyzeJson, analyzeMany, validate, presets, schema, sampleProduct
#   analyses   analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, fitRetention,
#              readExport, checkLaunch, reviewLaunch, sampleLaunchPlan
#   all        every function in one .wasm (market_validation_bg.wasm), what
#              init() with no argument loads, as before the split; it reads
#              JSON and gzip-compressed exports too
#   readers    the analyses part with every reader: JSON, gzip, zip archives
#              and Excel workbooks (calamine, zip: ~250 KB gzip more), which
#              the page's worker loads only for such files; and the
#              warehouse functions (eventsSql, analyzeEventAggregates),
#              which only it, `parquet` and `all` hold
#   parquet    the readers part with the Parquet reader (the parquet crate:
#              ~180 KB gzip more), which the page loads only for a Parquet
#              file, and Node for every analysis
#
# web/market_validation.js is the one loader over them (pkg/templates/
# web-index.js): init() loads `all`, init({ parts: [...] }) only those parts.
# node/market_validation.js loads each part synchronously on first use.
# The glue and snippets in web/ and slim/ ship without comments
# (scripts/ship-js.mjs). Ends with the size table of scripts/sizes.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

wasm_opt=tools/node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "wasm-opt missing: run scripts/setup.sh" >&2; exit 1; }

# part name, cargo features, out-name, cargo profile (default release)
PARTS=(
  "all score,survey,events,launch,readers,warehouse market_validation"
  "score score market_validation_score wasm-size"
  "analyses survey,events,launch market_validation_analyses"
  "readers survey,events,launch,archives,warehouse market_validation_readers"
  "parquet survey,events,launch,archives,warehouse,parquet market_validation_parquet"
)

rm -rf pkg/web pkg/node pkg/slim pkg/inline pkg/workerd
mkdir -p pkg/web pkg/node
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for spec in "${PARTS[@]}"; do
  read -r part features name profile <<<"$spec"
  profile=${profile:-release}
  cargo build --profile "$profile" --target wasm32-unknown-unknown --lib --no-default-features --features "wasm,$features"
  cp "target/wasm32-unknown-unknown/$profile/market_validation.wasm" "$stage/$part.wasm"
  for target in web node; do
    out=$stage/$part-$target
    mode=$target; [ "$target" = node ] && mode=nodejs
    wasm-bindgen --target "$mode" --out-dir "$out" --out-name "$name" "$stage/$part.wasm"
  done
  # One optimised .wasm per part, shared by both bindings (wasm-bindgen
  # writes the same module for both targets; checked).
  cmp -s "$stage/$part-web/${name}_bg.wasm" "$stage/$part-node/${name}_bg.wasm"
  # -Oz with the features rustc emits (bulk memory, non-trapping float-to-int, ...).
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$stage/$part-web/${name}_bg.wasm" -o "pkg/web/${name}_bg.wasm"
  cp -r "$stage/$part-web/snippets" pkg/web/ 2>/dev/null || true
  cp -r "$stage/$part-node/snippets" pkg/node/ 2>/dev/null || true
done

# Web: the parts' bindings as they are; the `all` bindings renamed, as
# market_validation.js is the loader (their .wasm keeps its name, so
# init({ module_or_path }) and the "./market_validation_bg.wasm" export work
# as before).
for part in score analyses readers parquet; do
  cp "$stage/$part-web/market_validation_$part.js" "$stage/$part-web/market_validation_$part.d.ts" pkg/web/
done
cp "$stage/all-web/market_validation.js" pkg/web/market_validation_all.js

# Node's score part: built again for speed (opt-level 3, wasm-opt -O3;
# ~1.3x faster, ~30 KB more gzip), as servers and scripts call it per
# request and size counts little there; its bindings load its own .wasm.
cargo build --profile wasm-speed --target wasm32-unknown-unknown --lib --no-default-features --features "wasm,score"
wasm-bindgen --target nodejs --out-dir "$stage/score-speed" --out-name market_validation_score \
  target/wasm32-unknown-unknown/wasm-speed/market_validation.wasm
"$wasm_opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$stage/score-speed/market_validation_score_bg.wasm" -o pkg/node/market_validation_score_bg.wasm
cp "$stage/score-speed/market_validation_score.js" "$stage/score-speed/market_validation_score.d.ts" pkg/node/
grep -qF 'const wasmPath = `${__dirname}/market_validation_score_bg.wasm`;' pkg/node/market_validation_score.js
# Its JS snippets are the size build's (the same sources).
diff -r "$stage/score-speed/snippets" "$stage/score-node/snippets" >/dev/null

# Node: the other parts' CommonJS bindings load the web build's .wasm (one
# copy shipped); the build fails if wasm-bindgen's loader line changes,
# rather than shipping a package that cannot find its wasm.
for part in analyses readers parquet; do
  glue=pkg/node/market_validation_$part.js
  cp "$stage/$part-node/market_validation_$part.js" "$glue"
  cp "$stage/$part-node/market_validation_$part.d.ts" pkg/node/
  loader="const wasmPath = \`\${__dirname}/market_validation_${part}_bg.wasm\`;"
  grep -qF "$loader" "$glue"
  sed -i "s|^const wasmPath = .*|const wasmPath = require('path').join(__dirname, '..', 'web', 'market_validation_${part}_bg.wasm');|" "$glue"
done

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

# Each export's part, from the parts' bindings (a function in `all` but in
# no part fails the build), written into the loaders as one wrapper each:
# static exports, so bundlers and Node's CommonJS named-export detection see
# every function. The readers part holds the analyses part's functions: the
# web loader prefers it once loaded; Node always uses it (every container,
# and size matters less there).
exports_of() { sed -n -E 's/^exports\.([A-Za-z0-9_]+) = .*/\1/p' "$1"; }
web_wrappers=""
node_wrappers=""
for fn in $(exports_of "$stage/all-node/market_validation.js"); do
  part=""
  for p in score analyses readers; do
    if [ -z "$part" ] && exports_of "$stage/$p-node/market_validation_$p.js" | grep -qx "$fn"; then part=$p; fi
  done
  [ -n "$part" ] || { echo "$fn is in no part" >&2; exit 1; }
  node_part=$part; [ "$part" = analyses ] || [ "$part" = readers ] && node_part=parquet
  web_wrappers+="export function $fn(...args) { return bound('$part', '$fn')(...args); }"$'\n'
  node_wrappers+="exports.$fn = function $fn(...args) { return part('$node_part').$fn(...args); };"$'\n'
done
fill() { # template, wrappers, output
  printf '%s' "$2" > "$stage/wrappers"
  awk -v f="$stage/wrappers" '/\/\* FUNCTIONS \*\// { while ((getline line < f) > 0) print line; close(f); next } { print }' "$1" > "$3"
}
fill pkg/templates/web-index.js "$web_wrappers" pkg/web/market_validation.js
fill pkg/templates/node-loader.js "$node_wrappers" pkg/node/market_validation.js

# Types: the `all` bindings' declarations (every function and type), with
# the loader's init in place of wasm-bindgen's.
web_dts=pkg/web/market_validation.d.ts
sed '/^export type InitInput = /,$d' "$stage/all-web/market_validation.d.ts" > "$web_dts"
cat pkg/templates/web-index.d.ts >> "$web_dts"
cat "$stage/all-node/market_validation.d.ts" pkg/templates/node-loader.d.ts > pkg/node/market_validation.d.ts
# wasm-bindgen types the raw wasm exports with `any`; the public API has
# none, and neither should anything a user can reach.
for dts in pkg/web/market_validation_score.d.ts pkg/web/market_validation_analyses.d.ts pkg/web/market_validation_readers.d.ts \
  pkg/web/market_validation_parquet.d.ts; do
  sed -i -E '/^ *readonly [A-Za-z0-9_]+: /s/\bany\b/unknown/g' "$dts"
done

# Node: the CommonJS loader, plus an ES-module facade with the same init API
# as the web build (init/initSync are no-ops: Node loads each part itself).
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
# The facade defines its own init and initSync.
exports=$(exports_of pkg/node/market_validation.js | grep -vxE 'init|initSync|default' | paste -sd, - | sed 's/,/, /g')
[ -n "$exports" ] || { echo "no exports found in pkg/node/market_validation.js" >&2; exit 1; }
sed "s|/\* EXPORTS \*/|$exports|" pkg/templates/node-index.mjs > pkg/node/index.mjs
cp pkg/templates/node-index.d.ts pkg/node/index.d.mts
cp LICENSE-MIT LICENSE-APACHE pkg/
rm -f pkg/web/.gitignore pkg/node/.gitignore

# slim/ (no default .wasm), inline/ (base64) and workerd/ (.wasm as modules).
node scripts/entries.mjs
# The shipped web/ and slim/ glue and snippets without their comments (the
# sources keep them): part of the first score's download.
node scripts/ship-js.mjs

node scripts/sizes.mjs
