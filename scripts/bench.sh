#!/usr/bin/env bash
# Runs every benchmark under bench/ and prints one line per figure; figures go to bench/results.json.
# Simulation benchmarks run bundled (as the worker ships: esbuild, no keepNames wrappers).
set -eu
cd "$(dirname "$0")/.."
rm -f bench/results.json
mkdir -p bench/out
for f in bench/sim-*.ts; do
  [ -e "$f" ] || continue
  out="bench/out/$(basename "$f" .ts).mjs"
  npx esbuild "$f" --bundle --platform=node --format=esm --target=node20 --outfile="$out" --log-level=warning
  node "$out"
done
if ls bench/ui-*.ts >/dev/null 2>&1; then
  bash scripts/ensure-tools.sh || true
  npx vite build --logLevel warn
  npx esbuild bench/worker/sim-worker.ts --bundle --platform=browser --format=esm --target=es2022 --outfile=bench/out/sim-worker.js --log-level=warning
  for f in bench/ui-*.ts; do npx tsx "$f"; done
fi
