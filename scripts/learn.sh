#!/usr/bin/env bash
# Installs what redislings needs, builds it, and starts the course on the built-in simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# `redislings serve` runs as redislings-server, a leaner program, when it sits beside redislings.
bash scripts/build-release.sh redislings redislings-server
exec .build/release/redislings "$@"
