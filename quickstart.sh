#!/usr/bin/env bash
# quickstart.sh - set up a fresh Debian 12 machine, build capplan, and either
# run it on the shipped finance sample (run) or run the test suite (test).
#
#   ./quickstart.sh run    install what is missing, build, write reports/*.xlsx
#   ./quickstart.sh test   install what is missing, build, run every test
#   ./quickstart.sh asan   the same tests in an ASan+UBSan build (CI's 2nd pass)
#   ./quickstart.sh bench [OPTIONS]  the speed and memory table (capplan-bench)
set -euo pipefail
cd "$(dirname "$0")"

# Build and run needs; tests also need a spreadsheet engine (gnumeric's
# ssconvert) to recompute the workbooks' formulas, and zip/unzip to edit a
# copy of a workbook and to compare its XML with the golden files, groff to
# render the manual page with every warning on, python3 whose XML parser
# checks that every part of a workbook parses, and GNU parallel, which runs
# the shards of test_shard_merge.
# Installed without recommendations, so what gcc and libxlsxwriter-dev only
# recommend or forget is named here: libc6-dev (crti.o, the C headers) and
# zlib1g-dev (xlsxwriter.pc links with -lz).
packages=(gcc libc6-dev make cmake pkg-config libgsl-dev libxlsxwriter-dev
          zlib1g-dev libiniparser-dev libcsv-dev libjansson-dev tzdata)
test_packages=(gnumeric zip unzip groff-base python3 parallel)
# The benchmark times SimPy 2 (Debian's python3-simpy, run by /usr/bin/python3)
# beside capplan queue on the same queue.
bench_packages=(python3-simpy)

install_missing() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"
}

build() {  # build DIR [cmake options...]
    local dir=$1; shift
    cmake -S . -B "$dir" -DCAP_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
run)
    install_missing "${packages[@]}"
    build build -DCMAKE_BUILD_TYPE=Release
    ./build/capplan -o reports samples/finance-book.ini samples/finance-book.csv
    echo "workbooks written to reports/"
    ;;
test)
    install_missing "${packages[@]}" "${test_packages[@]}"
    build build -DCMAKE_BUILD_TYPE=Release
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    ;;
bench)
    install_missing "${packages[@]}" "${bench_packages[@]}"
    build build -DCMAKE_BUILD_TYPE=Release
    ./build/bench/capplan-bench "${@:2}"
    ;;
asan)
    install_missing "${packages[@]}" "${test_packages[@]}"
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DCAP_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
    ;;
*)
    echo "usage: ./quickstart.sh run|test|asan|bench [OPTIONS]" >&2
    exit 2
    ;;
esac
