#!/usr/bin/env bash
# Installs what the tests need (redis-server included, for the differential tests) and runs
# the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
swift build --build-tests
# With a filter only the chosen tests run; the whole run also checks the release build.
if [ $# -gt 0 ]; then
    swift test --skip-build "$@"
    exit
fi
# Two runs, each parallel within itself: the end-to-end tests start dozens of processes at once
# (debug builds of redislings, redis-servers, shells, tmux), and on a two-core machine they
# starved the in-process tests that budget their time for over a minute. Both runs always run,
# so one failure does not hide another. `dev check --live` on the whole course runs beside
# them from the start: it mostly waits out its exercises' real-time `advance` steps (about
# eight minutes), and would otherwise add those minutes to the end.
failed=0
tests="$(swift build --show-bin-path)/redislingsPackageTests.xctest"
live_log="$(mktemp)"
"$tests" --testing-library swift-testing --filter CourseLiveCheckTests >"$live_log" 2>&1 &
live=$!
# `|| true`: under `set -e` a failed kill of a run already over would become the exit status.
trap 'kill "$live" 2>/dev/null || true; rm -f "$live_log"' EXIT
swift test --skip-build --skip EndToEndTests || failed=1
swift test --skip-build --filter EndToEndTests --skip CourseLiveCheckTests || failed=1
wait "$live" || failed=1
cat "$live_log"
REDISLINGS_TESTS_BUILT=1 bash scripts/test-web.sh || failed=1
bash scripts/release-check.sh || failed=1
exit "$failed"
