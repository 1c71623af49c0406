#!/bin/sh
# Grading through the queue against grading on one machine: the same class graded locally with
# W jobs, then by `grade --queue` with W worker processes (`grade-worker --jobs 1`) on a fresh
# redis-server, for each W. Prints throughput and the queue's overhead per job.
#
#   Benchmarks/grade-queue-bench.sh [SUBMISSIONS] [WORKERS...]     (default: 10000 1 2 4)
#
# The class is the well-behaved students of the sample class (Tests/GradingTests/Fixtures/Class,
# the h-* hostile ones left out: they run to their limits by design and would time the limits,
# not the queue), repeated until it holds SUBMISSIONS files. Uses the release binary
# (REDISLINGS=path to use another) and redis-server on PATH; PORT picks the server's port.
set -eu
cd "$(dirname "$0")/.."
count=${1:-10000}
[ $# -gt 0 ] && shift
workers=${*:-1 2 4}
binary=${REDISLINGS:-}
if [ -z "$binary" ]; then
    swift build -c release --product redislings >&2
    binary="$(swift build -c release --show-bin-path)/redislings"
fi
command -v redis-server >/dev/null || { echo "redis-server is not installed" >&2; exit 1; }
port=${PORT:-$((6400 + $$ % 90))}
work=$(mktemp -d /tmp/grade-queue-bench.XXXXXX)
fixtures=Tests/GradingTests/Fixtures
course="--lessons $fixtures/Course/Lessons --exercises $fixtures/Course/Exercises"
server_pid=
worker_pids=
cleanup() {
    for pid in $worker_pids; do kill "$pid" 2>/dev/null || true; done
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The class: copies of the good students until it holds $count files.
files=0
copy=0
while [ "$files" -lt "$count" ]; do
    copy=$((copy + 1))
    for student in "$fixtures"/Class/*; do
        name=$(basename "$student")
        case "$name" in h-*) continue ;; esac
        [ "$files" -ge "$count" ] && break
        for file in "$student"/*; do
            # Submissions only: the strays (quin's notes.txt, a misspelt id) are not jobs.
            case "$(basename "$file")" in ex-counter.redis | ex-publish.redis | ex-lock.lua | ex-stream.redis) ;; *) continue ;; esac
            [ "$files" -ge "$count" ] && break
            mkdir -p "$work/class/$name-$copy"
            cp "$file" "$work/class/$name-$copy/"
            files=$((files + 1))
        done
    done
done

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }

printf '%d submissions, %d students; %s cores\n' "$files" "$(ls "$work/class" | wc -l)" "$(nproc)"
printf '%-8s %10s %10s %10s %10s %16s\n' workers local_s local_sub/s queue_s queue_sub/s overhead_ms/job
for w in $workers; do
    start=$(now)
    REDISLINGS_HOME="$work/home" "$binary" grade "$work/class" $course --out "$work/local" --jobs "$w" --no-gradebook >/dev/null 2>&1
    local_s=$(seconds "$start" "$(now)")

    # Never a server someone else runs on that port: its data is not ours to fill.
    if redis-cli -p "$port" PING >/dev/null 2>&1; then echo "port $port is taken: pass PORT=another" >&2; exit 1; fi
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 &
    server_pid=$!
    until redis-cli -p "$port" PING >/dev/null 2>&1; do
        kill -0 "$server_pid" 2>/dev/null || { echo "redis-server did not start on port $port" >&2; exit 1; }
        sleep 0.1
    done
    worker_pids=
    i=0
    while [ "$i" -lt "$w" ]; do
        i=$((i + 1))
        "$binary" grade-worker --queue "redis://127.0.0.1:$port/0" --jobs 1 --name "bench-$i" $course >/dev/null 2>&1 &
        worker_pids="$worker_pids $!"
    done
    start=$(now)
    REDISLINGS_HOME="$work/home" "$binary" grade "$work/class" $course --out "$work/queued" --queue "redis://127.0.0.1:$port/0" \
        --run "bench-$w" --no-gradebook >/dev/null 2>&1
    queue_s=$(seconds "$start" "$(now)")
    cmp -s "$work/local/gradebook.csv" "$work/queued/gradebook.csv" || echo "warning: the queued gradebook differs from the local one" >&2
    for pid in $worker_pids; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    worker_pids=
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    server_pid=

    # Overhead per job: the extra worker-time a job costs through the queue (W workers busy for
    # the difference in wall time, shared among the jobs).
    printf '%-8s %10.2f %10.0f %10.2f %10.0f %16.2f\n' "$w" "$local_s" "$(echo "$files / $local_s" | bc -l)" "$queue_s" \
        "$(echo "$files / $queue_s" | bc -l)" "$(echo "($queue_s - $local_s) * $w * 1000 / $files" | bc -l)"
done
