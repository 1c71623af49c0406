#!/bin/sh
# Differential fuzzing of `redislings serve` against redis-server 7.0 (issue 13):
#   Benchmarks/differential-fuzz.sh SEED COUNT
# sends COUNT random commands built from redis-server's COMMAND DOCS, seeded with SEED, to both
# servers (each started on a free port and stopped afterwards), then prints crashes, hangs and
# desyncs of serve and the mismatched replies by command (FUZZ_RESP=3: both connections speak
# RESP3). CONFIGURATION=debug skips the release
# build. Exits 1 when serve crashed, hung or desynced.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: $0 SEED COUNT" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
configuration=${CONFIGURATION:-release}
bash scripts/build-products.sh "$configuration" redislings redislings-server DifferentialFuzz >&2
bin=$(swift build -c "$configuration" --show-bin-path)
exec "$bin/DifferentialFuzz" "$1" "$2" "$bin/redislings"
