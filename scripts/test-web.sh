#!/usr/bin/env bash
# The web app's end-to-end tests in a real browser (headless Chromium from Debian, driven by
# Selenium through chromium-driver). Screenshots land in Tests/Browser/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
swift build --product redislings
python3 -m pytest -q Tests/Browser "$@"
