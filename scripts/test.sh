#!/usr/bin/env bash
# Runs every test, installing whatever is missing first:
#   formatting and lints (each cargo feature alone too); native unit,
#   integration, property and doc tests;
#   the wasm suite under Node and under headless Chromium (counts checked:
#   wasm runners can skip a suite silently with exit 0); the packed npm
#   package in fresh ESM, CJS and bundler projects; hostile values, oversized
#   inputs and fuzzing at the wasm boundary; the page's type check;
#   the demo page in Debian's Chromium; the SQL runner on the warehouse
#   engines (DuckDB, ClickHouse via chdb, Spark local; BigQuery and Snowflake
#   parsed by sqlglot). Ends with one line: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

bash scripts/setup.sh

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
step() { printf '\n=== %s\n' "$*"; }

# Adds up the "test result: ... N passed; M failed" lines of a cargo log.
add_cargo_counts() {
  local p f
  p=$(grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

# Runs a wasm suite and checks it ran exactly the number of tests it declares.
run_wasm_suite() {
  local name=$1 log=$logs/$1.log
  shift
  local expected
  expected=$(cat tests/wasm_shared/*.rs | grep -c '^#\[wasm_bindgen_test\]')
  set +e
  env "$@" cargo test --target wasm32-unknown-unknown --features wasm --test "$name" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  add_cargo_counts "$log"
  if [ "$status" != 0 ] && ! grep -qE '^test result: FAILED' "$log"; then
    echo "!!! $name exited with status $status without a failing test"
    failed=$((failed + 1))
  fi
  local ran
  ran=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | tail -1)
  if [ "${ran:-0}" != "$expected" ]; then
    echo "!!! $name ran ${ran:-0} tests, expected $expected (a runner skipped the suite?)"
    failed=$((failed + 1))
  fi
}

step "formatting and lints"
cargo fmt --check
cargo clippy --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features wasm --lib --tests -q -- -D warnings
# Each part builds on its own (cargo features), natively and as bindings.
for part in score survey events launch warehouse; do
  cargo clippy --lib -q --no-default-features --features "$part" -- -D warnings
  cargo clippy --lib -q --target wasm32-unknown-unknown --no-default-features --features "wasm,$part" -- -D warnings
done
# The Parquet reader on its own (natively: in wasm it is only part of the `parquet` part).
cargo clippy --lib -q --no-default-features --features parquet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -q

step "native tests (unit, integration, property, doc)"
set +e
cargo test 2>&1 | tee "$logs/native.log"
status=${PIPESTATUS[0]}
set -e
add_cargo_counts "$logs/native.log"
# A test binary that crashes prints no result line and stops cargo: count it.
if [ "$status" != 0 ] && ! grep -qE '^test result: FAILED' "$logs/native.log"; then
  echo "!!! cargo test exited with status $status without a failing test (a crash?)"
  failed=$((failed + 1))
fi

step "wasm tests in Node"
run_wasm_suite wasm_node WASM_BINDGEN_TEST_TIMEOUT=120 || true

step "wasm tests in headless Chromium"
run_wasm_suite wasm_browser CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 \
  WASM_BINDGEN_TEST_ONLY_WEB=1 WASM_BINDGEN_TEST_TIMEOUT=120 || true

step "build the npm package"
bash scripts/build.sh

# The page is JavaScript typed with JSDoc; pkg/web's .d.ts gives the library's
# types, so this runs after the build. One check: both configs, 0 errors.
step "type-check the page (tsc --checkJs, strict)"
if tools/node_modules/.bin/tsc -p www/tsconfig.json && tools/node_modules/.bin/tsc -p www/tsconfig.worker.json; then
  echo "the page type-checks: 0 errors"
  passed=$((passed + 1))
else
  echo "!!! the page has type errors"
  failed=$((failed + 1))
fi

# Scripts that end with a "N passed, M failed" line; the second argument is
# how many checks the script has (fewer ran = a failure), then the command.
run_suite() {
  local log=$logs/$1.log expected=$2
  shift 2
  "$@" 2>&1 | tee "$log" || true
  local line ran
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "!!! $* printed no result line"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
  ran=$(($(echo "$line" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\1 + \2/')))
  if [ "$ran" -lt "$expected" ]; then
    echo "!!! $* ran $ran checks, expected $expected"
    failed=$((failed + 1))
  fi
}
run_node_suite() { local name=$1 expected=$2; shift 2; run_suite "$name" "$expected" node "$@"; }

step "the wasm boundary: hostile values and oversized inputs, then fuzzing (Node)"
run_node_suite hostile 111 tests/boundary/hostile.mjs
run_node_suite fuzz 17 tests/boundary/fuzz.mjs

step "the size of each part against its budget (scripts/size-budget.json)"
run_node_suite sizes 11 scripts/sizes.mjs --check

step "the packed npm package in fresh projects"
run_node_suite package 198 tests/package/run.mjs

# Spark's start is most of it (~20 s in all).
step "SQL on the warehouse engines: DuckDB, ClickHouse (chdb), Spark local; BigQuery and Snowflake parsed (sqlglot)"
run_suite warehouse 19 tools/engines-venv/bin/python tests/warehouse/runner_selftest.py
# eventsSql's statements on each engine; analyzeEventAggregates of the results
# must equal analyzeEvents of the raw events (needs the package built above).
run_node_suite warehouse-analysis 60 tests/warehouse/engines.mjs

# The page's tests (it() blocks in tests/page/*.test.mjs): fewer ran = a file
# that failed to load, or a suite skipped.
step "the demo page in Chromium (Playwright)"
page_expected=69
node --test --test-reporter=tap tests/page/ 2>&1 | tee "$logs/page.log" || true
page_pass=$(grep -E '^# pass ' "$logs/page.log" | awk '{print $3}' | tail -1)
page_fail=$(grep -E '^# fail ' "$logs/page.log" | awk '{print $3}' | tail -1)
if [ -z "$page_pass" ]; then echo "!!! the page tests printed no result"; failed=$((failed + 1)); fi
passed=$((passed + ${page_pass:-0}))
failed=$((failed + ${page_fail:-0}))
page_ran=$((${page_pass:-0} + ${page_fail:-0}))
if [ "$page_ran" -lt "$page_expected" ]; then
  echo "!!! the page tests ran $page_ran, expected $page_expected"
  failed=$((failed + 1))
fi

printf '\n'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
