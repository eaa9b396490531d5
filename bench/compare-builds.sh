#!/usr/bin/env bash
# Old build against new build: same outputs, byte for byte, and no slowdown.
#
#   bash bench/compare-builds.sh [OLD_REV] [compare-builds.mjs options: --quick, --runs N, --skip-speed, --seed S, --ignore-added KEY,KEY]
#
# OLD_REV: the revision to compare the working tree with, e.g. the commit
# before a restructuring began (OLD_REV=b7bfe4c). Default: $OLD_REV from the
# environment, else HEAD~1. The new side is the working tree as it is,
# uncommitted changes included.
#
# Steps:
#   1. builds the current tree: its pkg/ (bash scripts/build.sh, in this
#      tree's target/) and the native examples bench_native,
#      bench_survey_native and bench_events_native (cargo build --release);
#      then copies pkg/ and the three binaries to a temporary directory, so a
#      rebuild by someone else during the run changes nothing;
#   2. checks OLD_REV out in a temporary git worktree (git worktree add
#      --detach; removed at exit), links this tree's tools/node_modules into it
#      (wasm-opt) and builds the same there with its own scripts/build.sh. Its
#      target/ is a link to $COMPARE_OLD_TARGET (default
#      ${TMPDIR:-/tmp}/market-validation-compare-target), which is kept, so
#      repeated runs rebuild only the crate itself, not its dependencies;
#   3. node bench/compare-builds.mjs --old <old pkg> --new <new pkg> [options]:
#      equivalence on every export, speed side by side, .wasm sizes;
#   4. if valgrind is installed, counts the instructions of each native
#      example of both builds on a fixed workload (valgrind --tool=callgrind
#      --callgrind-out-file=/dev/null, its "Collected" figure): bench_native as
#      it is (5,200 analyze calls of the sample), bench_events_native 200000
#      20000 (its generated mode: 200,000 events, 20,000 users, 3 runs),
#      bench_survey_native on a 50,000-row CSV from bench/gen-survey-csv.mjs (5
#      runs). Instruction counts repeat from run to run and do not depend on
#      the machine's load: the figure to trust for native code;
#   5. prints one summary line. Exit code 1 if any output differs, 2 on a
#      usage error; a failed build stops the script with cargo's exit code.
# Takes several minutes on 2 cores: two release builds (wasm and native) and
# six callgrind runs (~1 min).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
unset CARGO_TARGET_DIR   # each tree builds in its own target/ (scripts/build.sh reads target/ there)

OLD_REV=${OLD_REV:-HEAD~1}
case "${1:-}" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  ''|-*) ;;
  *) OLD_REV=$1; shift ;;
esac
MJS_ARGS=("$@")
EXAMPLES=(bench_native bench_events_native bench_survey_native)
OLD_SHA=$(git rev-parse --verify --quiet "$OLD_REV^{commit}") || { echo "compare-builds: $OLD_REV is not a commit" >&2; exit 2; }
OLD_TARGET=${COMPARE_OLD_TARGET:-${TMPDIR:-/tmp}/market-validation-compare-target}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/compare-builds.XXXXXX")
WT=$TMP/old-tree
cleanup() {
  # The links first, so that nothing can reach through them.
  rm -f "$WT/target" "$WT/tools/node_modules"
  if [ -e "$WT" ]; then git -C "$ROOT" worktree remove --force "$WT" 2>/dev/null || rm -rf "$WT"; fi
  git -C "$ROOT" worktree prune
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n[compare-builds] %s\n' "$*"; }
# build TREE OUT: the tree's pkg/ and examples, copied to OUT/pkg and OUT/bin.
build() {
  local tree=$1 out=$2 started=$SECONDS
  (cd "$tree" && bash scripts/build.sh)
  (cd "$tree" && cargo build --release --quiet $(printf -- '--example %s ' "${EXAMPLES[@]}"))
  mkdir -p "$out/bin"
  cp -r "$tree/pkg" "$out/pkg"
  for ex in "${EXAMPLES[@]}"; do cp "$tree/target/release/examples/$ex" "$out/bin/"; done
  echo "built in $((SECONDS - started)) s"
}

step "new: the working tree at $(git rev-parse --short HEAD)$([ -z "$(git status --porcelain --untracked-files=no)" ] || echo ' + uncommitted changes')"
build "$ROOT" "$TMP/new"

step "old: $OLD_REV = $(git log -1 --format='%h %s' "$OLD_SHA" | cut -c1-100), in a temporary worktree (target: $OLD_TARGET)"
git worktree add --detach --quiet "$WT" "$OLD_SHA"
mkdir -p "$OLD_TARGET"
ln -s "$OLD_TARGET" "$WT/target"
ln -s "$ROOT/tools/node_modules" "$WT/tools/node_modules"
build "$WT" "$TMP/old"

step "wasm: node bench/compare-builds.mjs --old <old>/pkg --new <new>/pkg ${MJS_ARGS[*]}"
set +e
node bench/compare-builds.mjs --old "$TMP/old/pkg" --new "$TMP/new/pkg" "${MJS_ARGS[@]}" | tee "$TMP/mjs.out"
mjs_status=${PIPESTATUS[0]}
set -e
summary=$(sed -n 's/^summary: //p' "$TMP/mjs.out")
[ -n "$summary" ] || summary="compare-builds.mjs failed (exit $mjs_status)"

native="native instructions not counted (no valgrind)"
if command -v valgrind >/dev/null 2>&1; then
  step "native: instructions under valgrind --tool=callgrind (old and new side by side)"
  node bench/gen-survey-csv.mjs "$TMP/survey-50000.csv" --rows 50000 >/dev/null
  declare -A ARGS=([bench_native]='' [bench_events_native]='200000 20000' [bench_survey_native]="$TMP/survey-50000.csv")
  counts=()
  for ex in "${EXAMPLES[@]}"; do
    for side in old new; do
      # shellcheck disable=SC2086 # the arguments are words
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$TMP/$side/bin/$ex" ${ARGS[$ex]} >"$TMP/$side-$ex.out" 2>"$TMP/$side-$ex.err" &
    done
    wait
    for side in old new; do
      n=$(sed -n 's/.*Collected : \([0-9][0-9]*\).*/\1/p' "$TMP/$side-$ex.err" | tail -1)
      [ -n "$n" ] || n=$(sed -n 's/.*I *refs: *\([0-9,][0-9,]*\).*/\1/p' "$TMP/$side-$ex.err" | tr -d , | tail -1)
      [ -n "$n" ] || { echo "no instruction count for $side $ex:"; cat "$TMP/$side-$ex.err"; n=0; }
      counts+=("$n")
    done
  done
  COUNTS="${counts[*]}" NAMES="${EXAMPLES[*]}" WORK="(as it is)|200000 20000|50,000-row survey CSV" OUT="$TMP/native.txt" \
    node --input-type=module -e "
    import fs from 'node:fs';
    import { table } from '$ROOT/bench/table.mjs';
    const c = process.env.COUNTS.split(' ').map(Number);
    const work = process.env.WORK.split('|');
    const fmt = (n) => n.toLocaleString('en-US');
    const rows = process.env.NAMES.split(' ').map((ex, i) => [ex + ' ' + work[i], fmt(c[2 * i]), fmt(c[2 * i + 1]), (c[2 * i + 1] / c[2 * i]).toFixed(4)]);
    table('Native instructions (callgrind, Ir)', ['example [workload]', 'old', 'new', 'new/old'], rows);
    fs.writeFileSync(process.env.OUT, 'native instructions new/old ' + rows.map((r) => r[0].split(' ')[0] + ' ' + r[3]).join(', '));
  "
  native=$(cat "$TMP/native.txt")
else
  echo
  echo "valgrind is not installed: skipping the native instruction counts. To install it: apt-get install -y valgrind"
fi

echo
echo "summary: old $OLD_REV ($(git rev-parse --short "$OLD_SHA")) vs the working tree: $summary; $native"
exit "$mjs_status"
