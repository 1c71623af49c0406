#!/usr/bin/env bash
# Pub/Sub fan-out of `redislings serve` (release build) against redis-server, interleaved
# configuration by configuration: S subscribers in {1, 10, 100}, SUBSCRIBE and PSUBSCRIBE.
# For each: delivered messages per second while loaded, p50/p99 delivery latency unloaded (one
# message at a time) and loaded (at most WINDOW messages ahead of the slowest subscriber), and
# zero loss checked (every subscriber gets every message once, in order). Ratios are
# serve / redis: higher is better for msg/s, lower for latency. Each configuration runs ROUNDS
# times (default 3) on each server, alternating which goes first, and each figure is the median
# of its rounds: one run of one subscriber moved by 0.2 from run to run on a 2-core machine. The
# "client" column is the share of one core the fan-out client used while loaded: near 1.00
# against both servers, the client limits the rate, and the ratio says little about the servers.
#   [ROUNDS=3] [AGAINST=redis|serve] Benchmarks/pubsub-fanout.sh [unloaded-messages] [loaded-messages] [window] [subscriber-counts]
set -euo pipefail
cd "$(dirname "$0")/.."
unloaded=${1:-500}
loaded=${2:-20000}
window=${3:-256}
counts=${4:-"1 10 100"}

. Benchmarks/servers.sh
read_run_settings
require_tools redis-cli cc python3
[ "$against" = serve ] || require_tools redis-server
build_serve
start_servers
client="$workdir/fanout"
cc -O2 -o "$client" Benchmarks/PubSubFanout/fanout.c -lhiredis \
    || { echo "Error: could not compile the fan-out client (libhiredis-dev is needed)." >&2; exit 1; }

# The median of each figure over the rounds' lines (rate, latencies, the client's share of a
# core while loaded), and the sums of the lost and misordered counts, so that a loss in any
# round is reported.
median_run() {
    python3 -c '
import statistics, sys
runs = [line.split() for line in sys.argv[1].splitlines() if line.strip()]
figures = [statistics.median(float(run[i]) for run in runs) for i in range(5)]
counts = [sum(int(run[i]) for run in runs) for i in (5, 6)]
share = statistics.median(float(run[7]) for run in runs)
print(" ".join([f"{figures[0]:.0f}"] + [f"{f:.1f}" for f in figures[1:]] + [str(c) for c in counts] + [f"{share:.2f}"]))' "$1"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-8s %-6s %12s %12s %6s | %18s %18s | %18s %18s | %6s\n' S mode server "msg/s" "" ratio \
    "p50/p99 unloaded" ratio "p50/p99 loaded" ratio client
failed=0
throughput_ratios=() client_shares=()
for subscribers in $counts; do
    for mode in plain pattern; do
        our_runs="" their_runs=""
        for round in $(seq "$rounds"); do
            for who in $(round_order "$round"); do
                if [ "$who" = serve ]; then
                    our_runs+=$("$client" "$serve_port" "$subscribers" "$mode" "$unloaded" "$loaded" "$window")$'\n'
                else
                    their_runs+=$("$client" "$redis_port" "$subscribers" "$mode" "$unloaded" "$loaded" "$window")$'\n'
                fi
            done
        done
        ours=$(median_run "$our_runs")
        theirs=$(median_run "$their_runs")
        read -r o_rate o_u50 o_u99 o_l50 o_l99 o_lost o_order o_share <<<"$ours"
        read -r r_rate r_u50 r_u99 r_l50 r_l99 r_lost r_order r_share <<<"$theirs"
        if [ "$o_lost" != 0 ] || [ "$o_order" != 0 ] || [ "$r_lost" != 0 ] || [ "$r_order" != 0 ]; then
            echo "Error: S=$subscribers $mode lost or misordered messages: serve lost $o_lost, misordered $o_order; redis lost $r_lost, misordered $r_order." >&2
            failed=1
        fi
        ratios=$(python3 -c "
r = lambda a, b: f'{a / b:.2f}' if b > 0 else 'n/a'
print(r($o_rate, $r_rate), r($o_u50, $r_u50) + '/' + r($o_u99, $r_u99), r($o_l50, $r_l50) + '/' + r($o_l99, $r_l99))")
        read -r rate_ratio unloaded_ratio loaded_ratio <<<"$ratios"
        throughput_ratios+=("$rate_ratio")
        client_shares+=("$o_share" "$r_share")
        printf '%-4s %-8s %-6s %12s %12s %6s | %18s %18s | %18s %18s | %6s\n' "$subscribers" "$mode" serve "$o_rate" "" "$rate_ratio" \
            "$o_u50/$o_u99 us" "$unloaded_ratio" "$o_l50/$o_l99 us" "$loaded_ratio" "$o_share"
        printf '%-4s %-8s %-6s %12s %12s %6s | %18s %18s | %18s %18s | %6s\n' "" "" redis "$r_rate" "" "" \
            "$r_u50/$r_u99 us" "" "$r_l50/$r_l99 us" "" "$r_share"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "${throughput_ratios[*]}" "${client_shares[*]}" <<'PY'
import math, sys
pairs = list(zip(sys.argv[1].split(), zip(*[iter(float(x) for x in sys.argv[2].split())] * 2)))
ratios = [float(r) for r, _ in pairs if r != "n/a"]
if ratios:
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"msg/s ratio (serve/redis): geometric mean {mean:.2f}, lowest {min(ratios):.2f} (target >= 1.0 each)")
limited = [float(r) for r, shares in pairs if r != "n/a" and min(shares) >= 0.9]
if limited:
    print(f"client-bound configurations (the fan-out client at 0.90 of a core or more against both servers): "
          f"{len(limited)}, ratios {min(limited):.2f}-{max(limited):.2f}")
PY
exit "$failed"
