#!/usr/bin/env bash
# Builds products in CONFIGURATION (release or debug): release goes through build-release.sh, so
# a tool built for one run (a fuzzer) tests the binary learn.sh ships and leaves .build/release
# with the flags the next learn.sh or benchmark expects, instead of rebuilding it without them.
#   bash scripts/build-products.sh CONFIGURATION PRODUCT...
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 1 ] || { echo "Usage: bash scripts/build-products.sh release|debug PRODUCT... (for example release redislings FrameFuzz)" >&2; exit 64; }
configuration=$1
shift
case $configuration in
    release) exec bash scripts/build-release.sh "$@" ;;
    debug) for product in "$@"; do swift build -c debug --product "$product"; done ;;
    *) echo "Error: CONFIGURATION=$configuration is neither release nor debug." >&2; exit 64 ;;
esac
