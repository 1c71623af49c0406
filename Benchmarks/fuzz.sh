#!/bin/sh
# libFuzzer runs (issue 13): Benchmarks/fuzz.sh TARGET SECONDS
#   resp-request  RESP requests through RESPRequestParser (whole vs. split reads must agree)
#   resp-reply    server replies through RESPReplyParser (encode and parse again must agree)
#   commands      lines of commands run on a fresh simulator with two clients
# Builds the target with swiftc -sanitize=fuzzer,address (the RESP targets from the RESP
# sources; `commands` against RedisSimulator built into .build/fuzz), then fuzzes for SECONDS
# from the seed corpus in Benchmarks/Fuzz/Corpus/TARGET. New inputs go to
# .build/fuzz-run/corpus, crashes to .build/fuzz-run/artifacts. Exits non-zero when libFuzzer
# found a crash. FUZZ_TIMEOUT (seconds, default 10) is the wall time one input may take before
# it counts as a hang: raise it for a run at low priority on a busy machine, where a starved
# process can wait that long for a CPU.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: $0 resp-request|resp-reply|commands SECONDS" >&2
    exit 2
fi
target=$1
seconds=$2
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/.build/fuzz-run
mkdir -p "$out/bin" "$out/corpus/$target" "$out/artifacts/$target"
flags="-sanitize=fuzzer,address -parse-as-library -O -g"
case $target in
resp-request|resp-reply)
    swiftc $flags -module-name RESP Sources/RESP/*.swift "Benchmarks/Fuzz/Targets/$target.swift" -o "$out/bin/$target" 2>&1 | grep -v "ld.gold: warning" >&2 || true
    ;;
commands)
    swift build -c release --build-path "$root/.build/fuzz" -Xswiftc -sanitize=fuzzer,address --target RedisSimulator >&2
    release="$root/.build/fuzz/release"
    # The globs stay unquoted so that each object (some names hold spaces) is one argument.
    swiftc $flags -I "$release/Modules" "Benchmarks/Fuzz/Targets/commands.swift" \
        "$release"/RedisSimulator.build/*.o "$release"/RESP.build/*.o "$release"/DequeModule.build/*.o \
        "$release"/HeapModule.build/*.o "$release"/InternalCollectionsUtilities.build/*.o \
        "$release"/ContainersPreview.build/*.o -o "$out/bin/$target" 2>&1 | grep -v "ld.gold: warning" >&2 || true
    ;;
*)
    echo "unknown target $target (resp-request, resp-reply, commands)" >&2
    exit 2
    ;;
esac
test -x "$out/bin/$target" || { echo "fuzz.sh: building $target failed" >&2; exit 1; }
exec "$out/bin/$target" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -print_final_stats=1 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$out/artifacts/$target/" "$out/corpus/$target" "Benchmarks/Fuzz/Corpus/$target"
