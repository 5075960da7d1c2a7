#!/usr/bin/env bash
# shard_merge.sh - one book sized in shards by GNU parallel, then merged,
# must equal a single run byte for byte: the JSON and the three workbooks
# (whole files: libxlsxwriter writes constant zip timestamps, and
# --deterministic fixes the creation date).  Then the merge must refuse a
# shard cut short, a shard of another seed, and a shard given twice.
#
#   bash shard_merge.sh CAPPLAN SOURCE_DIR
#
# capplan runs in SOURCE_DIR (the shards name their inputs as given:
# samples/...), writing only below a fresh temporary folder.
set -u
capplan=$1 src=$2
command -v parallel >/dev/null || { echo "FAIL: GNU parallel is not installed (apt-get install parallel)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/capplan-shard.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
failed=0
fail() { failed=1; printf 'FAIL: %s\n' "$*"; }

book=(samples/finance-book.ini samples/finance-book.csv)
opts=(--seed 7 -r 3 -j 1)
N=3

"$capplan" "${opts[@]}" --json --deterministic -o "$tmp/single" "${book[@]}" \
    >"$tmp/single.json" || fail "the single run failed"
# The shards, as on N machines: each one its own process, shard k on k
# threads (partners side by side; the same bytes as one thread).
parallel --halt now,fail=1 "'$capplan'" --seed 7 -r 3 -j {} --shard {}/$N "${book[@]}" \
    '>' "$tmp/shard-{}.json" ::: $(seq $N) || fail "a shard failed"
for k in $(seq $N); do
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/shard-$k.json" ||
        fail "shard-$k.json is not one JSON document"
done
# Merged in another order than 1..N: the files say which shard they are.
"$capplan" merge --json --deterministic -o "$tmp/merged" \
    "$tmp/shard-3.json" "$tmp/shard-1.json" "$tmp/shard-2.json" \
    >"$tmp/merged.json" || fail "the merge failed"
cmp "$tmp/single.json" "$tmp/merged.json" || fail "merged JSON differs from the single run's"
for f in staffing.xlsx cost.xlsx quarterly.xlsx; do
    cmp "$tmp/single/$f" "$tmp/merged/$f" || fail "merged $f differs from the single run's"
done
# The summary (no --json) too.
"$capplan" "${opts[@]}" -o "$tmp/s2" "${book[@]}" >"$tmp/single.txt" &&
"$capplan" merge -o "$tmp/s2" "$tmp"/shard-*.json >"$tmp/merged.txt" ||
    fail "the summary runs failed"
cmp "$tmp/single.txt" "$tmp/merged.txt" || fail "merged summary differs from the single run's"

# expect EXIT MESSAGE ARGS...: the merge fails with exactly that message.
expect() {
    local want_rc=$1 want=$2
    shift 2
    "$capplan" merge -o "$tmp/refused" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" -eq "$want_rc" ] || fail "merge $*: exit $rc, want $want_rc"
    [ "$(cat "$tmp/err")" = "$want" ] || fail "merge $*: message $(cat "$tmp/err"), want $want"
    [ ! -s "$tmp/out" ] || fail "merge $*: wrote to stdout"
    [ ! -e "$tmp/refused" ] || fail "merge $*: wrote workbooks"
}
t=$tmp
# Shard 2 holds partners 2, 5, 8, ...: drop the line of partner 5.
sed '4d' $t/shard-2.json >$t/cut-2.json
expect 3 "capplan: $t/cut-2.json:4: results: \"p08_proseware\" (partner 8) of quarter 1 where \"p05_wingtip\" (partner 5) of quarter 1 belongs: the file is cut or was edited" \
    $t/shard-1.json $t/cut-2.json $t/shard-3.json
head -n 3 $t/shard-1.json >$t/short-1.json
# Shard 1 cut after its first result (partner 1).
expect 3 "capplan: $t/short-1.json:3: results: ends before \"p04_tailspin\" (partner 4) of quarter 1: the file is cut" \
    $t/short-1.json $t/shard-2.json $t/shard-3.json
"$capplan" --seed 8 -r 3 --shard 2/$N "${book[@]}" >$t/seed8-2.json
expect 3 "capplan: $t/seed8-2.json: not a shard of the run of $t/shard-1.json: the seed differs" \
    $t/shard-1.json $t/seed8-2.json $t/shard-3.json
expect 3 "capplan: $t/shard-1.json: shard 1/3 again (also $t/shard-1.json)" \
    $t/shard-1.json $t/shard-2.json $t/shard-1.json
expect 3 "capplan: $t/shard-1.json: shard 3/3 is missing: give the merge all 3 shard files of the run" \
    $t/shard-1.json $t/shard-2.json
exit $failed
