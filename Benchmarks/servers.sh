# Sourced by the benchmarks that compare `redislings serve` with redis-server: builds the release
# binary, starts both servers on free ports, waits until they answer, and stops them on exit.
#   require_tools TOOL...        exits with a clear error when one is missing
#   build_serve                  sets $binary: the release build of redislings, or
#                                $REDISLINGS_BINARY when set (a build made elsewhere)
#   start_servers [REDIS-ARG...] sets $workdir, $serve_port, $redis_port, $serve_pid, $redis_pid;
#                                with AGAINST=serve a second serve takes redis-server's place (an
#                                A/A run: the ratios then measure the machine's noise alone)
#   stop_servers                 stops both (start_servers may then run again)
#   rss_kb PID                   the process's resident size (VmRSS) in kB
#   cpu_ticks PID                the process's CPU time so far (user + system), in clock ticks
#   read_run_settings            sets $rounds from ROUNDS (default 3) and $against from AGAINST
#                                (default redis), or exits with a clear error
#   children_cpu                 sets $children_ms: CPU time of this shell's finished children
#   round_order N                "serve redis" for odd rounds, "redis serve" for even ones: who
#                                goes first alternates, so neither always finds what the other grew

require_tools() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "Error: $tool is not installed (scripts/install-deps.sh --test installs it)." >&2; exit 1; }
    done
}

build_serve() {
    if [ -n "${REDISLINGS_BINARY:-}" ]; then
        binary=$REDISLINGS_BINARY
        [ -x "$binary" ] || { echo "Error: REDISLINGS_BINARY=$binary is not an executable." >&2; exit 1; }
        return
    fi
    bash scripts/build-release.sh redislings redislings-server >/dev/null
    binary="$(swift build -c release --show-bin-path)/redislings"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts `serve` on PORT in the background, its output in $workdir/NAME.log and its pid in NAME.pid.
start_serve() {
    ("$binary" serve --port "$1" ${SERVE_THREADS:+--threads "$SERVE_THREADS"} >"$workdir/$2.log" 2>&1 & echo $! >"$workdir/$2.pid")
}

start_servers() {
    workdir=${workdir:-$(mktemp -d)}
    serve_port=$(free_port)
    redis_port=$(free_port)
    start_serve "$serve_port" serve
    if [ "${against:-redis}" = serve ]; then
        # Calibration: a second serve stands where redis-server would, so every ratio shows only
        # what the machine's own noise does to two identical servers.
        echo "A/A run (AGAINST=serve): the redis columns are a second serve on port $redis_port."
        start_serve "$redis_port" redis
    else
        (redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" "$@" >"$workdir/redis.log" 2>&1 & echo $! >"$workdir/redis.pid")
    fi
    serve_pid=$(cat "$workdir/serve.pid")
    redis_pid=$(cat "$workdir/redis.pid")
    trap 'stop_servers; rm -rf "$workdir"' EXIT
    for port in "$serve_port" "$redis_port"; do
        for _ in $(seq 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && break; sleep 0.1; done
        redis-cli -p "$port" PING >/dev/null 2>&1 || { echo "Error: the server on port $port did not start (logs in $workdir)." >&2; exit 1; }
    done
}

stop_servers() {
    for pid in ${serve_pid:-} ${redis_pid:-}; do
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
    serve_pid= redis_pid=
}

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }

# The CPU time (user + system, in clock ticks) the process has used so far: fields 14 and 15 of
# /proc/PID/stat, counted after the command name, which may hold blanks.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

read_run_settings() {
    against=${AGAINST:-redis}
    case $against in redis|serve) ;; *) echo "Error: AGAINST=$against names no server to compare with (redis, or serve for an A/A run)." >&2; exit 1 ;; esac
    rounds=${ROUNDS:-3}
    case $rounds in ''|*[!0-9]*|0) echo "Error: ROUNDS=$rounds is not a whole number of rounds (1 or more)." >&2; exit 1 ;; esac
}

# Sets $children_ms to the CPU milliseconds (user + system) of this shell's finished children so
# far, read with the `times` builtin and parsed in bash: a forked helper would count itself.
children_cpu() {
    times >"$workdir/times"
    local user system minutes seconds total=0 field
    { read -r _ _; read -r user system; } <"$workdir/times"
    for field in "$user" "$system"; do
        # `times` writes 1m2.345s: three decimals always.
        minutes=${field%%m*} seconds=${field#*m}
        seconds=${seconds%s}
        total=$((total + 10#$minutes * 60000 + 10#${seconds/./}))
    done
    children_ms=$total
}

round_order() { if [ $(($1 % 2)) = 1 ]; then echo "serve redis"; else echo "redis serve"; fi; }
