#!/bin/sh
# Bytes per key of redis-server 7.0 for 1M keys "key:N" → "value:N" (INFO memory used_memory,
# DEBUG POPULATE), then the simulator benchmark, which prints its own figure for the same keys.
set -e
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
(redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --enable-debug-command yes --loglevel warning & echo $! > "$dir/pid")
trap 'kill $(cat "$dir/pid") 2>/dev/null; rm -rf "$dir"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
field() { redis-cli -p "$port" info memory | sed -n "s/^$1:\([0-9]*\).*/\1/p"; }
used_before=$(field used_memory); rss_before=$(field used_memory_rss)
redis-cli -p "$port" debug populate 1000000 key >/dev/null
used_after=$(field used_memory); rss_after=$(field used_memory_rss)
echo "redis-server 7.0: $(( (used_after - used_before) / 1000000 )) bytes per key (used_memory), $(( (rss_after - rss_before) / 1000000 )) (used_memory_rss); 1,000,000 keys key:N → value:N"
swift run -c release SimulatorBenchmark
