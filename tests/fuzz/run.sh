#!/usr/bin/env bash
# run.sh - builds the libFuzzer harnesses with clang (CAP_FUZZ=ON) and runs
# each for SECONDS (default 60) from its corpus under tests/fuzz/corpus/,
# seeded from samples/ and tests/bad.  A crash stops the script non-zero
# and leaves crash-* files in the build folder: copy the input into
# tests/fuzz/regress/ (every harness replays it in ctest) and fix the cause.
#
#   bash tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
build=build-fuzz
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCAP_FUZZ=ON >/dev/null
cmake --build "$build" -j2 --target fuzz_portfolio fuzz_customers \
    fuzz_model fuzz_deal >/dev/null
root=$PWD
failed=0
for h in portfolio customers model deal; do
    corpus=$root/tests/fuzz/corpus/$h
    work=$root/$build/corpus-$h # new inputs stay out of the source tree
    mkdir -p "$work"
    echo "==== fuzz_$h: ${secs} s from $(ls "$corpus" | wc -l) seeds"
    if ! "$build/tests/fuzz_$h" -max_total_time="$secs" -max_len=16384 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$root/$build/$h-" "$work" "$corpus" \
        >"$build/fuzz_$h.log" 2>&1; then
        failed=1
        grep -E "ERROR|SUMMARY|artifact" "$build/fuzz_$h.log" | head -20
        echo "fuzz_$h: FAILED; the input is in $build/$h-*; log $build/fuzz_$h.log"
    fi
    grep -E "^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)" \
        "$build/fuzz_$h.log" | sed "s/^/  fuzz_$h /"
done
exit $failed
