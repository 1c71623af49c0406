#!/usr/bin/env bash
# The web app's end-to-end tests in a real browser (headless Chromium from Debian, driven by
# Selenium through chromium-driver). Screenshots land in Tests/Browser/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
# scripts/test.sh has already installed and built everything (with --build-tests, whose
# settings differ, so building the product alone here would compile much of it again).
if [ "${REDISLINGS_TESTS_BUILT:-}" != 1 ]; then
  bash scripts/install-deps.sh --test
  swift build --product redislings
fi
python3 -m pytest -q Tests/Browser "$@"
