#!/usr/bin/env bash
# check_install.sh - `cmake --install` into a temporary prefix puts the
# program, its manual page and the default model where a user looks for
# them; the manual page renders without warnings and documents every
# option, workbook and exit status that `capplan --help` lists.
#
#   bash check_install.sh BUILD_DIR
#
# (cmake --install also writes BUILD_DIR/install_manifest.txt: no other
# test reads or writes it.)
set -u
build=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/capplan-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
    failed=1
    printf 'FAIL: %s\n' "$*"
}

if ! cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; then
    fail "cmake --install failed:"
    sed 's/^/  /' "$tmp/install.log"
    exit 1
fi
exe=$tmp/prefix/bin/capplan
page=$tmp/prefix/share/man/man1/capplan.1
[ -x "$exe" ] || fail "no executable bin/capplan"
[ -f "$page" ] || fail "no manual page share/man/man1/capplan.1"
[ -f "$tmp/prefix/share/capplan/dispel.ini" ] || fail "no share/capplan/dispel.ini"
[ $failed -eq 0 ] || exit 1
"$exe" --version | grep -q '^capplan [0-9]' || fail "installed capplan --version"

for section in NAME SYNOPSIS DESCRIPTION OPTIONS SUBCOMMANDS FILES \
    "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    grep -qx "\.SH \"\{0,1\}$section\"\{0,1\}" "$page" || fail "no section $section"
done

# Rendered: groff's man macros with every warning on, else man-db.
if command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -z "$page" >"$tmp/render.err" 2>&1 ||
        fail "groff exit $?"
    render_with="groff -man -Tutf8 -ww"
elif command -v man >/dev/null; then
    MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/render.err" >/dev/null ||
        fail "man -l exit $?"
    render_with="man --warnings -l"
else
    : >"$tmp/render.err"
    render_with="(no groff or man: structure checks only)"
fi
if [ -s "$tmp/render.err" ]; then
    fail "$render_with warns:"
    sed 's/^/  /' "$tmp/render.err"
fi

# Every option, workbook and exit status of --help is in the manual (in roff
# a "-" in an option is written "\-").
"$exe" --help >"$tmp/help"
roff_of() { printf '%s' "$1" | sed 's/-/\\\\-/g'; }
options=$(awk '/^options:/ { on = 1; next } /^$/ { on = 0 }
               on && $1 ~ /^-/ { print $1 }' "$tmp/help" | tr -d ,)
books=$(grep -o '[a-z]*\.xlsx' "$tmp/help" | sort -u)
codes=$(awk '/^exit status:/ { on = 1; next } on && $1 ~ /^[0-9]+$/ { print $1 }' "$tmp/help")
[ -n "$options" ] && [ -n "$books" ] && [ -n "$codes" ] ||
    fail "capplan --help has no options:, workbook or exit status: lines"
for o in $options; do
    grep -q -- "^\.BI\{0,1\} $(roff_of "$o")\( \|\$\)" "$page" ||
        fail "option $o of capplan --help is not an entry (.B/.BI) in doc/capplan.1"
done
for b in $books; do
    grep -q "^\.I $b\$" "$page" || fail "workbook $b is not an entry in doc/capplan.1"
done
for c in $codes; do
    grep -qx "\.B $c" "$page" || fail "exit status $c is not an entry in doc/capplan.1"
done

[ $failed -eq 0 ] && echo "ok: installed bin/capplan, man1/capplan.1 ($render_with), share/capplan/dispel.ini"
exit $failed
