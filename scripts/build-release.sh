#!/usr/bin/env bash
# Builds release products the one way every script here does: with the Swift runtime's dynamic
# exclusivity checks off in every module, SwiftNIO's included. Package.swift turns them off for
# the project's hot modules, but a package cannot set flags for its dependencies, and in NIO's
# read and write paths the checks were a fifth of serve's instructions per unpipelined request
# (callgrind, GET with 50 clients: 13,809 -> 11,001). Debug builds and the tests keep the checks.
#   bash scripts/build-release.sh PRODUCT...
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "Usage: bash scripts/build-release.sh PRODUCT... (for example redislings redislings-server)" >&2; exit 64; }
for product in "$@"; do
    swift build -c release -Xswiftc -enforce-exclusivity=unchecked --product "$product"
done
