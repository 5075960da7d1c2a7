#!/bin/sh
# update.sh - regenerates the golden workbook parts under tests/golden/
# from a capplan binary, masked exactly as tests/e2e/test_golden_workbooks.c
# masks them.  Use it when a workbook change is intended, then review the
# change with `git diff tests/golden/`.
#
#   tests/golden/update.sh [path/to/capplan]     (default: build/capplan)
#
# capplan runs from the source folder with the relative sample path, as the
# test runs it: the Assumptions sheet records the portfolio path as typed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
exe=${1:-$src/build/capplan}
case $exe in /*) ;; *) exe=$(pwd)/$exe ;; esac
sample=samples/partner-addons.ini

command -v unzip >/dev/null 2>&1 || {
    echo "update.sh: unzip is not installed (apt-get install unzip)" >&2
    exit 1
}
[ -x "$exe" ] || { echo "update.sh: $exe: not an executable" >&2; exit 1; }

out=$(mktemp -d "${TMPDIR:-/tmp}/capplan-golden.XXXXXX")
trap 'rm -rf "$out"' EXIT
(cd "$src" && "$exe" --no-sim --deterministic -o "$out" "$sample" >/dev/null)

# The masks: the program version (CMake's project(VERSION)) in
# docProps/core.xml, and in the Assumptions sheet's "program version" row.
mask() {
    sed -E -e 's/capplan [0-9][0-9.]*/capplan VERSION/g' \
        -e 's#(<t>program version</t></si><si><t>)[0-9][0-9.]*#\1VERSION#g'
}

for book in cost quarterly; do
    rm -rf "${here:?}/$book"
    unzip -Z1 "$out/$book.xlsx" | while IFS= read -r part; do
        mkdir -p "$(dirname "$here/$book/$part")"
        # unzip takes wildcard patterns: escape [ ] * ? \ ("[Content_Types].xml")
        pattern=$(printf '%s\n' "$part" | sed 's/[][*?\\]/\\&/g')
        unzip -p "$out/$book.xlsx" "$pattern" | mask >"$here/$book/$part"
    done
    echo "tests/golden/$book: $(find "$here/$book" -type f | wc -l) parts"
done
