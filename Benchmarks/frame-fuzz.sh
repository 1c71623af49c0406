#!/bin/sh
# Fuzzed RESP frames through `redislings serve` (issue 13):
#   Benchmarks/frame-fuzz.sh SEED FRAMES [CONNECTIONS]
# sends FRAMES seeded frames (well-formed and inline commands with hostile arguments, mutated
# bytes, bad and huge declared lengths, nested multibulks, oversized inline lines, binary junk),
# written in pieces of random sizes over CONNECTIONS pipelined connections (default 32), to
# one serve started on a free port. Every connection's replies must be exactly those its frames
# owe; then serve must answer PING on a fresh connection and hold no more file descriptors
# than before. Prints frames/s, crashes, hangs, desyncs and serve's fds and resident memory.
# CONFIGURATION=debug skips the release build. Exits 1 on any finding.
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 SEED FRAMES [CONNECTIONS]" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
configuration=${CONFIGURATION:-release}
bash scripts/build-products.sh "$configuration" redislings redislings-server FrameFuzz >&2
bin=$(swift build -c "$configuration" --show-bin-path)
exec "$bin/FrameFuzz" "$1" "$2" "${3:-32}" "$bin/redislings"
