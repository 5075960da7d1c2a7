#!/usr/bin/env bash
# expect_failure.sh - runs capplan on one bad input and checks that it fails
# the way SPEC section 6 ("Bad input") asks: one clear line on stderr, a
# non-zero exit, nothing on stdout and nothing written.
#
#   bash expect_failure.sh CAPPLAN EXIT EXPECTED.txt [CAPPLAN-ARGS...]
#
# CAPPLAN      the executable (an absolute path)
# EXIT         the exit status capplan must return (2 usage, 3 input or
#              model, 4 file or output folder)
# EXPECTED.txt a file holding the exact stderr capplan must print: one line
# CAPPLAN-ARGS capplan's arguments, file names relative to this folder
#
# capplan runs in a private copy of this script's folder (tests/bad), made
# in the case's own temporary folder, so the file names in its messages are
# the short relative names pinned in expected/*.txt, whatever the machine,
# and no two cases (ctest -j) ever share a folder they may write in.
#
# Unless CAPPLAN-ARGS has its own -o (the output-folder and usage cases)
# or a --shard (a shard writes no workbooks and refuses -o), the script
# adds "-o OUT" first, where OUT is a fresh temporary folder
# that already holds sentinel staffing.xlsx, cost.xlsx and quarterly.xlsx
# files: afterwards each must be byte-identical and no other file may have
# appeared in OUT.  In every case
# the working directory (the copy of the case files) must be left exactly as
# it was: no reports/ folder, no file created or changed.
set -u

if [ $# -lt 3 ]; then
    echo "usage: expect_failure.sh CAPPLAN EXIT EXPECTED.txt [ARGS...]" >&2
    exit 2
fi
capplan=$1 want_rc=$2 expected=$3
shift 3

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case $expected in /*) ;; *) expected=$PWD/$expected ;; esac
case $capplan in */*) case $capplan in /*) ;; *) capplan=$PWD/$capplan ;; esac ;; esac

if [ ! -f "$expected" ]; then
    echo "FAIL: no expected message file $expected" >&2
    exit 1
fi
if [ "$(wc -l <"$expected")" -ne 1 ] || [ "$(tail -c1 "$expected" | od -An -c | tr -d ' ')" != '\n' ]; then
    echo "FAIL: $expected must hold exactly one line ending in a newline" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capplan-bad.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
here=$tmp/case
cp -R "$source_dir" "$here" || exit 1
out=$tmp/out
mkdir "$out"
printf 'sentinel: capplan must not overwrite this file (%s)\n' "$tmp" >"$tmp/sentinel"
books=(staffing.xlsx cost.xlsx quarterly.xlsx)
for book in "${books[@]}"; do
    cp "$tmp/sentinel" "$out/$book"
done

own_out=0
for a in "$@"; do
    [ "$a" = "-o" ] && own_out=1
    [ "$a" = "--shard" ] && own_out=1
done
args=("$@")
[ $own_out -eq 1 ] || args=(-o "$out" "$@")

# A case whose files are made by the program under test (CAP_BAD_PREPARE
# names a script run in the copy, e.g. make_merge_shards.sh) has them made
# before the snapshot: they are part of the case folder, not its output.
if [ -n "${CAP_BAD_PREPARE:-}" ]; then
    (cd "$here" && bash "$CAP_BAD_PREPARE") ||
        { echo "FAIL: preparing the case ($CAP_BAD_PREPARE) failed"; exit 1; }
fi

# A listing of the case folder with a hash of every file, before and after.
snapshot() {
    (cd "$here" && find . ! -type f -printf '%y %p\n' | LC_ALL=C sort &&
        find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}
snapshot >"$tmp/before"

(cd "$here" && exec "$capplan" "${args[@]}") >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?

snapshot >"$tmp/after"

failed=0
fail() {
    failed=1
    printf 'FAIL: %s\n' "$*"
}

echo "case:    $(basename "$expected" .txt)"
echo "command: (cd tests/bad && capplan ${args[*]})"

if [ "$rc" -ge 128 ]; then
    fail "capplan was killed by signal $((rc - 128)) (a crash), want exit $want_rc"
elif [ "$rc" -ne "$want_rc" ]; then
    fail "exit status $rc, want $want_rc"
fi

if ! cmp -s "$expected" "$tmp/stderr"; then
    fail "stderr differs from the pinned message"
    echo "  want: $(cat "$expected")"
    if [ -s "$tmp/stderr" ]; then
        echo "  got:  $(head -n 20 "$tmp/stderr" | sed '2,$s/^/        /')"
    else
        echo "  got:  (nothing)"
    fi
    diff -u --label "expected/$(basename "$expected")" --label "capplan stderr" \
        "$expected" "$tmp/stderr" | sed 's/^/  /'
fi

if [ -s "$tmp/stdout" ]; then
    fail "stdout is not empty ($(wc -c <"$tmp/stdout") bytes); its start:"
    head -c 600 "$tmp/stdout" | sed 's/^/  | /'
    echo
fi

for book in "${books[@]}"; do
    if [ ! -f "$out/$book" ]; then
        fail "the existing $book in the output folder was removed"
    elif ! cmp -s "$tmp/sentinel" "$out/$book"; then
        fail "the existing $book in the output folder was overwritten"
    fi
done
extra=$(cd "$out" && find . -mindepth 1 ! -name staffing.xlsx ! -name cost.xlsx \
        ! -name quarterly.xlsx | LC_ALL=C sort)
if [ -n "$extra" ]; then
    fail "files appeared in the output folder:"
    echo "$extra" | sed 's/^/  /'
fi

if ! cmp -s "$tmp/before" "$tmp/after"; then
    fail "the case folder (a copy of tests/bad) changed (something was written there):"
    diff "$tmp/before" "$tmp/after" | sed 's/^/  /'
fi

if [ $failed -eq 0 ]; then
    echo "ok: exit $rc, message: $(cat "$tmp/stderr")"
fi
exit $failed
