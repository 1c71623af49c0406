#!/usr/bin/env bash
# Installs what redislings needs, builds it, and starts the course on the built-in simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product redislings
# `redislings serve` runs as this lean program when it sits beside redislings.
swift build -c release --product redislings-server
exec .build/release/redislings "$@"
