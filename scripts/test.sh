#!/usr/bin/env bash
# The whole suite: typecheck, lint, unit tests (with tshark), build, end-to-end tests in Chromium.
# Ends with one plain line `N passed, N failed` summing every step.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
bash scripts/ensure-tools.sh || echo "warning: could not install test tools"

passed=0
failed=0
step() { echo; echo "=== $1"; }

step "typecheck"
if npx tsc -p tsconfig.json; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

step "lint"
if npx eslint . --max-warnings 0; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

step "unit tests"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
if [ -f test-results/vitest.json ]; then
  read -r p f < <(node -e 'const r=require("./test-results/vitest.json");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0) + r.numFailedTestSuites)')
  passed=$((passed + p)); failed=$((failed + f))
else
  failed=$((failed + 1))
fi

step "build"
if npm run -s build; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

step "end-to-end tests"
if [ -d dist ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  rm -f test-results/pw.json
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/pw.json CI=1 npx playwright test --reporter=list,json
  if [ -f test-results/pw.json ]; then
    read -r p f < <(node -e 'const s=require("./test-results/pw.json").stats;console.log(s.expected, s.unexpected + (s.flaky||0))')
    passed=$((passed + p)); failed=$((failed + f))
  else
    failed=$((failed + 1))
  fi
else
  echo "no end-to-end tests or no build"
  [ -d dist ] || failed=$((failed + 1))
fi

echo
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
