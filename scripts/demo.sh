#!/usr/bin/env bash
# Installs what is missing, builds the package and serves the demo page on
# http://localhost:8080/www/ (PORT=... to change the port).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
