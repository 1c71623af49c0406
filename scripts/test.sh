#!/usr/bin/env bash
# Installs what the tests need (redis-server included, for the differential tests) and runs
# the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build "$@"
REDISLINGS_TESTS_BUILT=1 bash scripts/test-web.sh
# With a filter only the chosen tests run; the whole run also checks the release build.
if [ $# -eq 0 ]; then bash scripts/release-check.sh; fi
