#!/bin/sh
# Grading through the queue against grading on one machine: the same class graded locally with
# W jobs, then by `grade --queue` with W worker processes (`grade-worker --jobs 1`) on a
# redis-server started for it, for each W; every configuration ROUNDS times (default 2),
# interleaved (round 2 runs the queue before the local run), so a machine whose load changes
# during the benchmark shifts both sides alike. Prints, per run, the 1-minute load average,
# the wall time and throughput, the CPU time per job (every process involved: grade and its
# worker processes; the coordinator, the grade-workers and theirs, and redis-server), and the
# queue's overhead per job against the local run, in wall time and in CPU time.
#
#   Benchmarks/grade-queue-bench.sh [SUBMISSIONS] [WORKERS...]     (default: 10000 1 2 4)
#
# The class is the well-behaved students of the sample class (Tests/GradingTests/Fixtures/Class,
# the h-* hostile ones left out: they run to their limits by design and would time the limits,
# not the queue), repeated until it holds SUBMISSIONS files. Uses the release binary
# (REDISLINGS=path to use another) and redis-server on PATH; PORT picks the server's port,
# ROUNDS the number of rounds. Linux only (CPU times come from /proc).
set -eu
cd "$(dirname "$0")/.."
count=${1:-10000}
[ $# -gt 0 ] && shift
workers=${*:-1 2 4}
rounds=${ROUNDS:-2}
binary=${REDISLINGS:-}
if [ -z "$binary" ]; then
    bash scripts/build-release.sh redislings redislings-server >&2
    binary="$(swift build -c release --show-bin-path)/redislings"
fi
command -v redis-server >/dev/null || { echo "redis-server is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 1; }
port=${PORT:-$((6400 + $$ % 90))}
work=$(mktemp -d /tmp/grade-queue-bench.XXXXXX)
fixtures=Tests/GradingTests/Fixtures
course="--lessons $fixtures/Course/Lessons --exercises $fixtures/Course/Exercises"
ticks=$(getconf CLK_TCK)
server_pid=
worker_pids=
cleanup() {
    for pid in $worker_pids; do kill "$pid" 2>/dev/null || true; done
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The class: copies of the good students until it holds $count files. One copy of them, with
# their submissions only, is made first; whole students are then copied from it (a process per
# student, not per file: 10,000 files in seconds rather than minutes).
mkdir -p "$work/good" "$work/class"
for student in "$fixtures"/Class/*; do
    name=$(basename "$student")
    case "$name" in h-*) continue ;; esac
    for file in "$student"/*; do
        # Submissions only: the strays (quin's notes.txt, a misspelt id) are not jobs.
        case "${file##*/}" in ex-counter.redis | ex-publish.redis | ex-lock.lua | ex-stream.redis) ;; *) continue ;; esac
        mkdir -p "$work/good/$name"
        cp "$file" "$work/good/$name/"
    done
done
files=0
copy=0
while [ "$files" -lt "$count" ]; do
    copy=$((copy + 1))
    for student in "$work"/good/*; do
        [ "$files" -ge "$count" ] && break
        set -- "$student"/*
        if [ $((files + $#)) -le "$count" ]; then
            cp -r "$student" "$work/class/${student##*/}-$copy"
            files=$((files + $#))
        else
            mkdir -p "$work/class/${student##*/}-$copy"
            for file in "$@"; do
                [ "$files" -ge "$count" ] && break
                cp "$file" "$work/class/${student##*/}-$copy/"
                files=$((files + 1))
            done
        fi
    done
done

calc() { echo "$1" | bc -l; }
load() { cut -d' ' -f1 /proc/loadavg; }

# CPU seconds (user + system, its reaped children's included) of a process and its descendants
# still running: the grade-workers' worker processes are never reaped before the end.
cpu_tree() {
    total=0
    for pid in $1 $(descendants "$1"); do
        used=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }') || used=0
        total=$((total + ${used:-0}))
    done
    calc "$total / $ticks"
}
descendants() {
    for child in $(pgrep -P "$1" || true); do
        echo "$child"
        descendants "$child"
    done
}

# Runs the rest of the line under /usr/bin/time; sets elapsed and cpu (seconds); output in $work/$1.log.
timed() {
    log=$1
    shift
    if ! /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/$log.log" 2>&1; then
        # grade exits 1 when a submission failed; only a run without a gradebook is broken.
        [ -s "$work/$log/gradebook.csv" ] || { echo "$log failed:" >&2; tail -20 "$work/$log.log" >&2; exit 1; }
    fi
    set -- $(tail -1 "$work/time")
    elapsed=$1
    cpu=$(calc "$2 + $3")
}

local_run() {
    rm -rf "$work/local"
    local_load=$(load)
    timed local env REDISLINGS_HOME="$work/home" "$binary" grade "$work/class" $course --out "$work/local" --jobs "$1" --no-gradebook
    local_s=$elapsed
    local_cpu=$cpu
}

queue_run() {
    w=$1
    rm -rf "$work/queued"
    # Never a server someone else runs on that port: its data is not ours to fill.
    if redis-cli -p "$port" PING >/dev/null 2>&1; then echo "port $port is taken: pass PORT=another" >&2; exit 1; fi
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
    server_pid=$!
    until redis-cli -p "$port" PING >/dev/null 2>&1; do
        kill -0 "$server_pid" 2>/dev/null || { echo "redis-server did not start on port $port" >&2; exit 1; }
        sleep 0.1
    done
    worker_pids=
    i=0
    while [ "$i" -lt "$w" ]; do
        i=$((i + 1))
        "$binary" grade-worker --queue "redis://127.0.0.1:$port/0" --jobs 1 --name "bench-$i" $course >"$work/worker-$i.log" 2>&1 &
        worker_pids="$worker_pids $!"
    done
    # Ready when every worker holds its two connections (the run directory's and its slot's).
    waited=0
    until [ "$(redis-cli -p "$port" INFO clients | tr -d '\r' | sed -n 's/^connected_clients://p')" -gt $((2 * w)) ]; do
        waited=$((waited + 1))
        [ "$waited" -lt 600 ] || { echo "the workers did not connect within 60 s:" >&2; cat "$work"/worker-*.log >&2; exit 1; }
        sleep 0.1
    done
    idle=$(cpu_tree "$server_pid")
    for pid in $worker_pids; do idle=$(calc "$idle + $(cpu_tree "$pid")"); done
    queue_load=$(load)
    timed queued env REDISLINGS_HOME="$work/home" "$binary" grade "$work/class" $course --out "$work/queued" \
        --queue "redis://127.0.0.1:$port/0" --run "bench-$w" --no-gradebook
    queue_s=$elapsed
    queue_cpu=$(calc "$cpu - $idle + $(cpu_tree "$server_pid")")
    for pid in $worker_pids; do queue_cpu=$(calc "$queue_cpu + $(cpu_tree "$pid")"); done
    for pid in $worker_pids; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    worker_pids=
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}

printf '%d submissions, %d students; %s cores; %s\n' "$files" "$(ls "$work/class" | wc -l)" "$(nproc)" "$binary"
printf 'load: the 1-minute load average when the run started; cpu: CPU milliseconds per job, every process counted;\n'
printf 'overhead: what a job costs through the queue beyond the local run, in wall and CPU milliseconds, and as a ratio.\n'
printf '%-5s %-7s | %5s %8s %8s %7s | %5s %8s %8s %7s | %9s %8s %6s %6s\n' round workers \
    load local_s sub/s cpu load queue_s sub/s cpu wall_ms cpu_ms wall_x cpu_x
round=0
while [ "$round" -lt "$rounds" ]; do
    round=$((round + 1))
    for w in $workers; do
        if [ $((round % 2)) -eq 1 ]; then
            local_run "$w"
            queue_run "$w"
        else
            queue_run "$w"
            local_run "$w"
        fi
        cmp -s "$work/local/gradebook.csv" "$work/queued/gradebook.csv" || echo "warning: the queued gradebook differs from the local one" >&2
        printf '%-5s %-7s | %5s %8.2f %8.0f %7.2f | %5s %8.2f %8.0f %7.2f | %9.2f %8.2f %6.2f %6.2f\n' "$round" "$w" \
            "$local_load" "$local_s" "$(calc "$files / $local_s")" "$(calc "$local_cpu * 1000 / $files")" \
            "$queue_load" "$queue_s" "$(calc "$files / $queue_s")" "$(calc "$queue_cpu * 1000 / $files")" \
            "$(calc "($queue_s - $local_s) * 1000 / $files")" "$(calc "($queue_cpu - $local_cpu) * 1000 / $files")" \
            "$(calc "$queue_s / $local_s")" "$(calc "$queue_cpu / $local_cpu")"
    done
done
