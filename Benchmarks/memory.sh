#!/usr/bin/env bash
# Memory of `redislings serve` (release build) against redis-server, case by case, both servers
# fresh for each case and loaded one after the other: bytes per item (key, field, element, member
# or stream entry) from the growth of each process's resident size (VmRSS, the same measure for
# both: serve has no allocator statistics of Redis's kind), then the resident size left 2 s after
# FLUSHALL. Last, the resident size after rounds of 5,000 connections that PING and close.
# Ratios are serve / redis: lower is better.
#   Benchmarks/memory.sh [items-per-case] [connection-rounds]   (MEMORY_CASES="strings stream" picks cases)
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-200000}
rounds=${2:-3}
cases=${MEMORY_CASES:-"strings hash-small hash-large list-small list-large set-small set-large zset-small zset-large stream"}

. Benchmarks/servers.sh
require_tools redis-server redis-cli python3
build_serve

load() { # port, case
    python3 Benchmarks/Memory/load.py "$2" "$items" | redis-cli -p "$1" --pipe >"$workdir/pipe.log" 2>&1 \
        || { echo "Error: loading $2 into port $1 failed: $(tail -3 "$workdir/pipe.log")" >&2; exit 1; }
    grep -q 'errors: 0' "$workdir/pipe.log" || { echo "Error: loading $2 into port $1 had errors: $(tail -3 "$workdir/pipe.log")" >&2; exit 1; }
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 > 0 else 'n/a')"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $items items per case"
printf '%-11s %12s %12s %7s | %20s %20s %7s\n' case "serve B/item" "redis B/item" ratio \
    "serve flushed (idle)" "redis flushed (idle)" ratio
for name in $cases; do
    start_servers
    sleep 0.5
    serve_before=$(rss_kb "$serve_pid"); redis_before=$(rss_kb "$redis_pid")
    load "$serve_port" "$name"
    load "$redis_port" "$name"
    sleep 0.5
    serve_loaded=$(rss_kb "$serve_pid"); redis_loaded=$(rss_kb "$redis_pid")
    redis-cli -p "$serve_port" FLUSHALL >/dev/null
    redis-cli -p "$redis_port" FLUSHALL >/dev/null
    sleep 2
    serve_flushed=$(rss_kb "$serve_pid"); redis_flushed=$(rss_kb "$redis_pid")
    ours=$(( (serve_loaded - serve_before) * 1024 / items ))
    theirs=$(( (redis_loaded - redis_before) * 1024 / items ))
    printf '%-11s %12s %12s %7s | %20s %20s %7s\n' "$name" "$ours" "$theirs" "$(ratio "$ours" "$theirs")" \
        "$(( serve_flushed / 1024 )) ($(( serve_before / 1024 ))) MB" "$(( redis_flushed / 1024 )) ($(( redis_before / 1024 ))) MB" \
        "$(ratio "$serve_flushed" "$redis_flushed")"
    stop_servers
done

start_servers
printf '%-22s %14s %14s %7s\n' "connections (5,000 each)" "serve RSS" "redis RSS" ratio
printf '%-22s %11s MB %11s MB %7s\n' "before" "$(( $(rss_kb "$serve_pid") / 1024 ))" "$(( $(rss_kb "$redis_pid") / 1024 ))" ""
for round in $(seq "$rounds"); do
    python3 Benchmarks/Memory/load.py --connections "$serve_port" 5000
    python3 Benchmarks/Memory/load.py --connections "$redis_port" 5000
    sleep 2
    ours=$(rss_kb "$serve_pid"); theirs=$(rss_kb "$redis_pid")
    printf '%-22s %11s MB %11s MB %7s\n' "after round $round" "$(( ours / 1024 ))" "$(( theirs / 1024 ))" "$(ratio "$ours" "$theirs")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
