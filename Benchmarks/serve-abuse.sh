#!/usr/bin/env bash
# Abuse scenarios against `redislings serve` (release build) and redis-server, each on a fresh
# server, side by side: RSS after connect-and-close cycles and after partial 50 MB requests
# (also before AUTH), other clients' PING latency during a byte trickle, a slow subscriber
# (its CLIENT LIST backlog, when the pubsub limit drops it, fds/RSS after), a blocked client's
# pipelined input, the mass-expiry stall (PING p50/p99/max while a million keys expire), and
# fds/RSS after 1,000 connections dropped mid-command and clients killed while blocked,
# subscribed or inside MULTI. Loopback only; every loop is bounded.
#   Benchmarks/serve-abuse.sh [scenario ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(connect-close partial-sets partial-sets-preauth trickle trickle-many-arguments slow-subscriber blocked-pipeline mass-expiry dropped-connections)

binary=${REDISLINGS_BIN:-}
if [ -z "$binary" ]; then
    bash scripts/build-release.sh redislings redislings-server >/dev/null
    binary="$(swift build -c release --show-bin-path)/redislings"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
workdir=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$workdir"; }
trap cleanup EXIT

start() { # start SERVER PORT [PASSWORD]
    local password=${3:-}
    if [ "$1" = serve ]; then
        "$binary" serve --port "$2" ${password:+--requirepass "$password"} >"$workdir/serve.log" 2>&1 &
    else
        redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" \
            ${password:+--requirepass "$password"} >"$workdir/redis.log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 100); do
        redis-cli -p "$2" ${password:+--no-auth-warning -a "$password"} PING >/dev/null 2>&1 && return
        sleep 0.1
    done
}

for scenario in "${scenarios[@]}"; do
    password=""
    [ "$scenario" = partial-sets-preauth ] && password=s3cret
    for server in serve redis; do
        port=$(free_port)
        start "$server" "$port" "$password"
        echo "== $scenario on $server"
        python3 Benchmarks/ServeAbuse/serve_abuse.py "$port" "$pid" "$scenario" $password || echo "(scenario failed)"
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""
    done
done
