#!/usr/bin/env bash
# redis-benchmark against `redislings serve` (release build) and redis-server, interleaved test by
# test, unpipelined with 50 clients and pipelined with -P 16. Each test runs ROUNDS times (default
# 3) on each server, alternating which goes first, and the median rate of each is compared: a single
# short run moves by +-0.1 on a 2-core machine, where redis-benchmark shares the cores with the
# server. Prints each median rate and the ratio, then the geometric mean of the ratios (issue 20's
# target: >= 1.05 in each of three runs, none below 0.95). Beside them, each server's median CPU
# time per request (user + system, from /proc) and their ratio, redis / serve so that higher is
# better here too: the rate moves with whatever else the two cores run, while the CPU a server
# spends on a request moves far less, so a change to serve shows there first. The "rounds" column is
# the lowest and highest ratio of a round's two back-to-back runs: where it spans 1.00 the test's
# median is within what the machine's own noise moves, whichever side of 0.95 it lands. The
# "client" column is the share of one core redis-benchmark itself used (median, against serve and
# against redis): near 1.00 against both, the client is what limits the rate, and the ratio
# measures redis-benchmark and the kernel more than either server.
# TESTS="ZRANGE SET" runs only the tests named (each unpipelined and pipelined).
#   [ROUNDS=3] [AGAINST=redis|serve] [TESTS=...] Benchmarks/serve-vs-redis.sh [requests-unpipelined] [requests-pipelined]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100000}
pipelined_requests=${2:-1000000}

. Benchmarks/servers.sh
read_run_settings
require_tools redis-benchmark
[ "$against" = serve ] || require_tools redis-server

# name | redis-benchmark arguments (a built-in -t test, or a command line)
tests=(
    "PING|-t ping_mbulk"
    "SET|-t set"
    "GET|-t get"
    "INCR|-t incr"
    "LPUSH|-t lpush"
    "RPOP|-t rpop"
    "SADD|-t sadd"
    "HSET|-t hset"
    "ZADD|-t zadd"
    "XADD|XADD bench:stream * field __rand_int__"
    "PUBLISH|PUBLISH channel:bench message"
    "ZRANGE|ZRANGE myzset 0 9 WITHSCORES"
)

if [ -n "${TESTS:-}" ]; then
    chosen=()
    for wanted in $TESTS; do
        found=
        for entry in "${tests[@]}"; do
            if [ "${entry%%|*}" = "${wanted^^}" ]; then chosen+=("$entry") found=1; fi
        done
        [ -n "$found" ] || { echo "Error: TESTS names no test called $wanted (the tests: ${tests[*]%%|*})." >&2; exit 1; }
    done
    tests=("${chosen[@]}")
fi
build_serve
start_servers

rate() { # port, pipeline, requests, args...
    local port=$1 pipeline=$2 count=$3
    shift 3
    redis-benchmark -p "$port" -c 50 -n "$count" -P "$pipeline" -r 100000 -q "$@" 2>/dev/null \
        | tr '\r' '\n' | grep 'requests per second' | tail -1 | sed -E 's/.*: ([0-9.]+) requests per second.*/\1/'
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-8s %-6s %14s %14s %7s %11s | %12s %12s %7s | %9s   (median of %d rounds each)\n' test mode "serve req/s" "redis req/s" ratio \
    rounds "serve us/req" "redis us/req" ratio client "$rounds"
ticks_per_second=$(getconf CLK_TCK)
ratios=() cpu_ratios=() spans=() client_bound=()
for mode in "1|$requests" "16|$pipelined_requests"; do
    pipeline=${mode%%|*}
    count=${mode##*|}
    label=$([ "$pipeline" = 1 ] && echo "c50" || echo "c50P16")
    for entry in "${tests[@]}"; do
        name=${entry%%|*}
        # Split on blanks without glob expansion: XADD's id is a literal '*'.
        set -f
        args=(${entry#*|})
        set +f
        our_rates=() their_rates=() our_cpu=() their_cpu=() our_client=() their_client=()
        for round in $(seq "$rounds"); do
            for who in $(round_order "$round"); do
                if [ "$who" = serve ]; then port=$serve_port pid=$serve_pid; else port=$redis_port pid=$redis_pid; fi
                before=$(cpu_ticks "$pid")
                children_cpu
                client_before=$children_ms wall_before=${EPOCHREALTIME/./}
                measured=$(rate "$port" "$pipeline" "$count" "${args[@]}")
                children_cpu
                # Per mille of one core: CPU milliseconds over wall microseconds.
                client=$(( (children_ms - client_before) * 1000000 / (${EPOCHREALTIME/./} - wall_before) ))
                # Microseconds of the server's CPU per request.
                cpu=$(python3 -c "print(f'{($(cpu_ticks "$pid") - $before) * 1e6 / $ticks_per_second / $count:.3f}')")
                if [ -z "$measured" ]; then
                    echo "Error: redis-benchmark gave no rate for $name ($label) on $who (port $port)." >&2
                    exit 1
                fi
                if [ "$who" = serve ]; then
                    our_rates+=("$measured") our_cpu+=("$cpu") our_client+=("$client")
                else
                    their_rates+=("$measured") their_cpu+=("$cpu") their_client+=("$client")
                fi
            done
        done
        ours=$(median "${our_rates[@]}")
        theirs=$(median "${their_rates[@]}")
        ratio=$(python3 -c "print(f'{$ours / $theirs:.2f}')")
        ratios+=("$ratio")
        # Each round's ratio: serve's run against redis's run beside it.
        span=$(python3 -c '
import sys
ours, theirs = sys.argv[1].split(), sys.argv[2].split()
r = [float(o) / float(t) for o, t in zip(ours, theirs)]
print(f"{min(r):.2f}-{max(r):.2f}")' "${our_rates[*]}" "${their_rates[*]}")
        spans+=("$span")
        our_us=$(median "${our_cpu[@]}")
        their_us=$(median "${their_cpu[@]}")
        # A run too short for a clock tick of either server's CPU has no ratio.
        cpu_ratio=$(python3 -c "print(f'{$their_us / $our_us:.2f}' if $our_us > 0 and $their_us > 0 else 'n/a')")
        cpu_ratios+=("$cpu_ratio")
        client=$(python3 -c "print(f'{$(median "${our_client[@]}") / 1000:.2f} {$(median "${their_client[@]}") / 1000:.2f}')")
        client_bound+=("$client")
        printf '%-8s %-6s %14s %14s %7s %11s | %12s %12s %7s | %9s\n' "$name" "$label" "$ours" "$theirs" "$ratio" "$span" "$our_us" "$their_us" "$cpu_ratio" "$client"
    done
done
python3 - "${ratios[*]}" "${cpu_ratios[*]}" "${spans[*]}" "${client_bound[*]}" <<'PY'
import math, sys
ratios = [float(r) for r in sys.argv[1].split()]
shares = [float(x) for x in sys.argv[4].split()]
bound = [min(shares[2 * i], shares[2 * i + 1]) >= 0.9 for i in range(len(ratios))]
mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
print(f"geometric mean of ratios: {mean:.2f} (target >= 1.05); lowest: {min(ratios):.2f} (target >= 0.95)")
spans = [tuple(float(x) for x in s.split("-")) for s in sys.argv[3].split()]
low = [(r, s) for r, s in zip(ratios, spans) if r < 0.95]
if low:
    within = sum(1 for _, (lo, hi) in low if hi >= 1.0)
    print(f"tests below 0.95: {len(low)}, of which {within} had a round at 1.00 or above")
limited = [r for r, b in zip(ratios, bound) if b]
if limited:
    below = sum(1 for r in limited if r < 0.95)
    print(f"client-bound tests (redis-benchmark at 0.90 of a core or more against both servers): {len(limited)}, "
          f"ratios {min(limited):.2f}-{max(limited):.2f}, {below} below 0.95")
cpu = [float(r) for r in sys.argv[2].split() if r != "n/a"]
if cpu:
    print(f"CPU per request, redis / serve: geometric mean {math.exp(sum(math.log(r) for r in cpu) / len(cpu)):.2f}, lowest {min(cpu):.2f}")
PY
