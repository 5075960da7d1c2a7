#!/usr/bin/env bash
# make_merge_shards.sh - writes the shard files of the capplan merge cases
# into the current folder (expect_failure.sh's copy of tests/bad, before it
# takes its snapshot), with the capplan under test ($CAPPLAN), so the shards
# always carry that capplan's version and a version bump cannot break the
# cases or let them pass for the wrong reason:
#
#   merge_1of2.json, merge_2of2.json   capplan --no-sim --seed 1
#                                      --today 2026-11-30 --shard K/2
#                                      shard_book.ini
#   merge_seed2_2of2.json              the same with --seed 2
#   merge_changed_KofK.json            merge_KofK.json with the portfolio's
#                                      CRC-32 replaced by 00000000 (an input
#                                      that changed since the shards read it)
#   merge_old_2of2.json                merge_2of2.json claiming to be
#                                      written by capplan 0.0.0 (another
#                                      version than the one under test)
set -u
: "${CAPPLAN:?CAPPLAN must name the capplan under test}"

shard() { # SEED K OUT
    "$CAPPLAN" --no-sim --seed "$1" --today 2026-11-30 --shard "$2/2" \
        shard_book.ini >"$3" || { echo "FAIL: capplan --shard $2/2 --seed $1 failed" >&2; exit 1; }
}
shard 1 1 merge_1of2.json
shard 1 2 merge_2of2.json
shard 2 2 merge_seed2_2of2.json

for k in 1 2; do
    sed 's/"crc32":"[0-9a-f]\{8\}"/"crc32":"00000000"/' merge_${k}of2.json \
        >merge_changed_${k}of2.json
    # the substitution must have hit: the merge case would pass or fail for
    # another reason otherwise
    if cmp -s merge_${k}of2.json merge_changed_${k}of2.json ||
        ! grep -q '"portfolio":{[^}]*"crc32":"00000000"' merge_changed_${k}of2.json; then
        echo "FAIL: no portfolio CRC-32 to change in merge_${k}of2.json" >&2
        exit 1
    fi
done

# The version is the header's first field named so; the substitution must
# have hit and made a version other than the one under test.
sed '1s/"version":"[^"]*"/"version":"0.0.0"/' merge_2of2.json >merge_old_2of2.json
if cmp -s merge_2of2.json merge_old_2of2.json ||
    ! head -n 1 merge_old_2of2.json | grep -q '"version":"0.0.0"'; then
    echo "FAIL: no version other than 0.0.0 to change in merge_2of2.json" >&2
    exit 1
fi
