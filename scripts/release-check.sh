#!/usr/bin/env bash
# Runs the differential cases on the simulator as `scripts/learn.sh` builds it (release: -O,
# whole-module), against a real redis-server: the test suite runs them on a debug build, and
# only this shows what the optimizer changes. Exits 1 on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh ReleaseCheck
"$(swift build -c release --show-bin-path)/ReleaseCheck" \
    Tests/RedisSimulatorTests/Differential Tests/RedisScriptingTests/Differential
