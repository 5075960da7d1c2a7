#!/usr/bin/env bash
# publish.sh - fault tests for publishing the workbooks as a set (issue 12,
# src/outset.h).  Each case runs in its own mkdtemp folder and ends by
# checking that the output folder holds one complete set - the three
# workbooks of one run, told apart by the portfolio name in each
# docProps/core.xml - and no temporary file, lock or stage folder.
#
#   bash publish.sh CAPPLAN CASE
#
# CASE: kill-stages  a SIGKILL at every step of publishing (CAPPLAN_FAULT),
#                    then the next run into the folder recovers it
#       fail-stages  an I/O error at every step: rolled back at once
#       term-stages  a SIGTERM at every step (the handler only sets a flag)
#       signals      SIGTERM and SIGINT sent from outside at varied moments
#       concurrent   50 pairs of runs into one folder at the same time
#       new-folder   a run into a new folder that another run made between
#                    this run's stat and its mkdir (mkdir_race.c preloaded)
#       probes       the folder check's probe (made before the lock) of a
#                    live run is left alone, a dead run's is removed
#       full-disk    stdout on /dev/full; the folder on a full tmpfs
#       unwritable   a read-only folder, found before the simulation
#       closed-stdout  stdout closed (>&-) or read-only, found first
#       calibrate-kill-stages  capplan calibrate's two files (model-
#                    calibrated.ini, calibration.xlsx): a SIGKILL at every
#                    step, then the next run recovers
#       calibrate-concurrent   20 pairs of calibrations into one folder
#       calibrate-unwritable   a read-only folder, found before the fit
set -u
capplan=$1 case=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/capplan-faults.XXXXXX") || exit 1
mounted=()
cleanup() {
    for m in "${mounted[@]}"; do umount "$m" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
failed=0
fail() {
    failed=1
    printf 'FAIL: %s\n' "$*"
}
books=(staffing.xlsx cost.xlsx quarterly.xlsx)

# A small valid portfolio named NAME (run-NAME in the workbooks).
portfolio() {
    cat >"$tmp/$1.ini" <<EOF
[portfolio]
name     = run-$1
start    = 2027-01-01
quarters = ${2:-2}

[partner.acme]
channel   = oem
csm       = auto
customers = basic America/New_York 12
EOF
    echo "$tmp/$1.ini"
}
alpha=$(portfolio alpha)
beta=$(portfolio beta)
gamma=$(portfolio gamma)

# run NAME OUT [capplan args...]: a --no-sim run of portfolio NAME into OUT.
run() {
    local name=$1 out=$2
    shift 2
    "$capplan" --no-sim "$@" -o "$out" "$tmp/$name.ini"
}

# The run that wrote FILE: NAME of portfolio run-NAME in a workbook's
# docProps/core.xml, or of the export calib-NAME.csv a calibration names
# (in the first line of model-calibrated.ini, the subject of its book).
run_of() {
    case $1 in
    *.ini) sed -n '1s|^; Calibrated .* from .*/calib-\([a-z]*\)\.csv .*|\1|p' "$1" ;;
    *) unzip -p "$1" docProps/core.xml 2>/dev/null |
        sed -n 's/.*<dc:subject>run-\([a-z]*\)<.*/\1/p
                s|.*<dc:subject>calibration from .*/calib-\([a-z]*\)\.csv<.*|\1|p' ;;
    esac
}

# The set in OUT: "alpha" when every file of books comes from run alpha,
# else a description of what is wrong.
set_of() {
    local out=$1 names=() n
    for b in "${books[@]}"; do
        if [ ! -f "$out/$b" ]; then
            echo "missing $b"
            return
        fi
        n=$(run_of "$out/$b")
        names+=("${n:-unreadable}")
    done
    for n in "${names[@]}"; do
        if [ "$n" != "${names[0]}" ]; then
            echo "mixed ${names[*]}"
            return
        fi
    done
    echo "${names[0]}"
}

# check OUT WANT WHAT: the folder holds set WANT and nothing else.
check() {
    local out=$1 want=$2 what=$3 got extra keep=() b
    got=$(set_of "$out")
    [ "$got" = "$want" ] || fail "$what: folder holds '$got', want '$want'"
    for b in "${books[@]}"; do keep+=(! -name "$b"); done
    extra=$(cd "$out" && find . -mindepth 1 "${keep[@]}" | LC_ALL=C sort |
        tr '\n' ' ')
    [ -z "$extra" ] || fail "$what: left behind: $extra"
}

# A fresh folder holding the alpha set (a copy of one run's, to save runs).
fresh() {
    local out=$tmp/$1
    if [ ! -d "$tmp/alpha-set" ]; then
        run alpha "$tmp/alpha-set" >/dev/null || fail "the alpha run failed"
    fi
    rm -rf "$out"
    cp -a "$tmp/alpha-set" "$out"
    echo "$out"
}

stages=(staged kept-1 kept-2 kept-3 manifest renamed-1 renamed-2 renamed-3
        published committed)

# kill_each_stage WRITE FRESH MID WHAT STAGE...: WRITE (run or calibrate)
# killed at each STAGE of publishing into a FRESH copy of set alpha.  The
# next write fails on purpose and must leave alpha (beta once committed):
# it recovers what the kill left and keeps its own set out.  Then a good
# write straight after a kill at MID publishes its own set.
kill_each_stage() {
    local write=$1 fresh_set=$2 mid=$3 what=$4 s rc want out
    shift 4
    for s in "$@"; do
        out=$($fresh_set "$what-kill-$s")
        CAPPLAN_FAULT=$s $write beta "$out" >/dev/null 2>"$tmp/err"
        rc=$?
        [ $rc -eq 137 ] || fail "$what, kill at $s: exit $rc, want 137 (SIGKILL)"
        CAPPLAN_FAULT=staged:fail $write gamma "$out" >/dev/null 2>"$tmp/err"
        want=alpha
        [ "$s" = committed ] && want=beta
        check "$out" "$want" "$what, kill at $s, then a failing $what"
    done
    CAPPLAN_FAULT=$mid $write beta "$out" >/dev/null 2>&1
    $write gamma "$out" >/dev/null || fail "$what: a good $what after the kills failed"
    check "$out" gamma "$what: a good $what after the kills"
}

kill_stages() {
    kill_each_stage run fresh renamed-2 run "${stages[@]}"
}

fail_stages() {
    for s in "${stages[@]}"; do
        [ "$s" = committed ] && continue # after the commit nothing can fail
        out=$(fresh "fail-$s")
        CAPPLAN_FAULT=$s:fail run beta "$out" >"$tmp/stdout" 2>"$tmp/err"
        rc=$?
        [ $rc -eq 4 ] || fail "I/O error at $s: exit $rc, want 4"
        [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "I/O error at $s: stderr: $(cat "$tmp/err")"
        grep -q 'Input/output error' "$tmp/err" || fail "I/O error at $s: message $(cat "$tmp/err")"
        [ -s "$tmp/stdout" ] && fail "I/O error at $s: something on stdout"
        check "$out" alpha "I/O error at $s"
    done
}

term_stages() {
    for s in "${stages[@]}"; do
        out=$(fresh "term-$s")
        CAPPLAN_FAULT=$s:term run beta "$out" >/dev/null 2>"$tmp/err"
        rc=$?
        if [ "$s" = committed ]; then # the set is final: the run ends well
            [ $rc -eq 0 ] || fail "SIGTERM after commit: exit $rc"
            check "$out" beta "SIGTERM after commit"
            continue
        fi
        [ $rc -eq 4 ] || fail "SIGTERM at $s: exit $rc, want 4"
        grep -q 'interrupted by signal 15; the previous workbooks are kept' \
            "$tmp/err" || fail "SIGTERM at $s: message $(cat "$tmp/err")"
        check "$out" alpha "SIGTERM at $s"
    done
}

# Signals from outside at varied moments of a run that writes a bigger
# book: no temporary file ever stays, the set is alpha's or beta's.
signals() {
    local big=$tmp/big.ini
    { sed -n '1,4p' "$alpha" | sed 's/quarters = 2/quarters = 8/; s/run-alpha/run-beta/'
      for i in $(seq 1 60); do
          printf '\n[partner.p%d]\nchannel = oem\ncsm = auto\ncustomers = basic America/New_York %d\n' "$i" $((i * 3))
      done; } >"$big"
    cp "$big" "$tmp/beta.ini"
    out=$(fresh signals)
    local caught=0
    for delay in 0.1 0.3 0.5 0.7; do
        for sig in TERM INT; do
            # capplan itself in the background, not a subshell running it
            "$capplan" --no-sim -o "$out" "$tmp/beta.ini" >/dev/null 2>"$tmp/err" &
            pid=$!
            sleep "$delay"
            kill -s $sig $pid 2>/dev/null
            wait $pid
            grep -q interrupted "$tmp/err" && caught=$((caught + 1))
            got=$(set_of "$out")
            case $got in alpha | beta) ;; *) fail "SIG$sig after ${delay}s: '$got'" ;; esac
            check "$out" "$got" "SIG$sig after ${delay}s"
        done
    done
    echo "signals caught while the workbooks were written: $caught of 8"
}

concurrent() {
    out=$tmp/concurrent
    for i in $(seq 1 50); do
        run alpha "$out" >/dev/null 2>"$tmp/err-a" &
        a=$!
        run beta "$out" >/dev/null 2>"$tmp/err-b" &
        b=$!
        wait $a || fail "pair $i: run alpha failed: $(cat "$tmp/err-a")"
        wait $b || fail "pair $i: run beta failed: $(cat "$tmp/err-b")"
        got=$(set_of "$out")
        case $got in alpha | beta) ;; *) fail "pair $i: '$got'" ;; esac
        check "$out" "$got" "pair $i"
    done
}

new_folder() {
    out=$tmp/new
    if [ -z "${CAP_MKDIR_RACE_LIB:-}" ]; then
        fail "new folder: CAP_MKDIR_RACE_LIB (the mkdir_race shim) is not set"
        return
    fi
    # a sanitizer build wants its runtime first; the shim is loaded before it
    CAPPLAN_MKDIR_RACE=$out LD_PRELOAD=$CAP_MKDIR_RACE_LIB \
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
        "$capplan" --no-sim -o "$out" "$alpha" >/dev/null 2>"$tmp/err" ||
        fail "new folder made by another run: $(cat "$tmp/err")"
    check "$out" alpha "new folder made by another run"
}

probes() {
    out=$(fresh probes)
    # this shell is alive; a finished child's pid is gone
    live=$out/.capplan-probe.$$.Abc123
    sh -c 'exit 0' &
    gone=$!
    wait $gone
    dead=$out/.capplan-probe.$gone.Def456
    mkdir "$live" "$dead"
    run beta "$out" >/dev/null 2>"$tmp/err" || fail "probes: run failed: $(cat "$tmp/err")"
    [ -d "$live" ] || fail "probes: a live run's probe was removed"
    [ -d "$dead" ] && fail "probes: a dead run's probe was left"
    rmdir "$live" "$dead" 2>/dev/null
    check "$out" beta "probes"
}

full_disk() {
    out=$(fresh full-stdout)
    run beta "$out" >/dev/full 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "stdout on /dev/full: exit $rc, want 4"
    [ "$(cat "$tmp/err")" = "capplan: stdout: write failed: No space left on device" ] ||
        fail "stdout on /dev/full: stderr: $(cat "$tmp/err")"
    check "$out" alpha "stdout on /dev/full"

    out=$tmp/full-folder
    mkdir "$out"
    if ! mount -t tmpfs -o size=80k tmpfs "$out" 2>/dev/null; then
        echo "skipped: a full folder (cannot mount a small tmpfs here)"
        return
    fi
    mounted+=("$out")
    run alpha "$out" >/dev/null || fail "full folder: the first run failed"
    check "$out" alpha "full folder, first run"
    run beta "$out" >/dev/null 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "full folder: exit $rc, want 4"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "full folder: stderr: $(cat "$tmp/err")"
    grep -q 'No space left on device' "$tmp/err" || fail "full folder: message $(cat "$tmp/err")"
    check "$out" alpha "full folder"
}

# unwritable_alpha WRITE OUT: OUT holding WRITE's set alpha, then made
# unwritable (chmod as a user; a tmpfs remounted read-only as root, where
# chmod does not stop anyone).  Fails, saying why, when that cannot be done.
unwritable_alpha() {
    local write=$1 out=$2
    mkdir "$out"
    if [ "$(id -u)" -ne 0 ]; then
        $write alpha "$out" >/dev/null
        chmod 555 "$out"
    elif mount -t tmpfs -o size=1m tmpfs "$out" 2>/dev/null; then
        mounted+=("$out")
        $write alpha "$out" >/dev/null
        mount -o remount,ro "$out" || { echo "skipped: cannot remount read-only"; return 1; }
    else
        echo "skipped: an unwritable folder (root, and no tmpfs to mount)"
        return 1
    fi
}

unwritable() {
    out=$tmp/readonly
    unwritable_alpha run "$out" || return
    # 20,000 replications would simulate for minutes: the folder must be
    # refused before the simulation starts.
    start=$(date +%s)
    "$capplan" -r 20000 -o "$out" "$beta" >"$tmp/stdout" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "read-only folder: exit $rc, want 4"
    [ $(($(date +%s) - start)) -lt 10 ] || fail "read-only folder: found only after the simulation"
    grep -Eq "^capplan: $out: output folder: not writable: (Read-only file system|Permission denied)\$" \
        "$tmp/err" || fail "read-only folder: message $(cat "$tmp/err")"
    [ -s "$tmp/stdout" ] && fail "read-only folder: something on stdout"
    check "$out" alpha "read-only folder"
    [ "$(id -u)" -ne 0 ] && chmod 755 "$out"
}

closed_stdout() {
    out=$(fresh closed)
    start=$(date +%s)
    "$capplan" -r 20000 -o "$out" "$beta" >&- 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "closed stdout: exit $rc, want 4"
    [ $(($(date +%s) - start)) -lt 10 ] || fail "closed stdout: found only after the simulation"
    [ "$(cat "$tmp/err")" = "capplan: stdout: cannot write: Bad file descriptor" ] ||
        fail "closed stdout: stderr: $(cat "$tmp/err")"
    check "$out" alpha "closed stdout"
    "$capplan" -r 20000 -o "$out" "$beta" 1<"$beta" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "read-only stdout: exit $rc, want 4"
    check "$out" alpha "read-only stdout"
}

# ---- capplan calibrate: its two files are a set too ----------------------

# A small export per run (calib-NAME.csv: the name both files carry), the
# organizations, and a team (tam = FTE) for a slow --team backtest.
for name in alpha beta gamma; do
    cat >"$tmp/calib-$name.csv" <<EOF
Id,Created at,Priority,Organization,First reply time in minutes
1,2027-01-04 10:00:00 -0500,urgent,Acme,20
2,2027-01-05 11:00:00 +0100,normal,Globex,90
EOF
done
cat >"$tmp/orgs.csv" <<EOF
organization,partner,channel,plan,timezone
Acme,p1,reseller,premium,America/New_York
Globex,p2,oem,basic,Europe/Berlin
EOF
cat >"$tmp/team.ini" <<EOF
[partner.p1]
channel = reseller
tam     = 1.0

[partner.p2]
channel = oem
tam     = 1.0
EOF

# calibrate NAME OUT [capplan calibrate args...]: export NAME into OUT.
calibrate() {
    local name=$1 out=$2
    shift 2
    "$capplan" calibrate --tickets "$tmp/calib-$name.csv" \
        --customers "$tmp/orgs.csv" -o "$out" "$@"
}

# A fresh folder holding calibration alpha's two files.
calib_fresh() {
    local out=$tmp/$1
    if [ ! -d "$tmp/calib-alpha-set" ]; then
        calibrate alpha "$tmp/calib-alpha-set" >/dev/null ||
            fail "the alpha calibration failed"
    fi
    rm -rf "$out"
    cp -a "$tmp/calib-alpha-set" "$out"
    echo "$out"
}

calib_kill_stages() {
    books=(model-calibrated.ini calibration.xlsx)
    kill_each_stage calibrate calib_fresh renamed-1 calibrate staged kept-1 \
        kept-2 manifest renamed-1 renamed-2 published committed
}

calib_concurrent() {
    books=(model-calibrated.ini calibration.xlsx)
    out=$tmp/calib-concurrent
    for i in $(seq 1 20); do
        calibrate alpha "$out" >/dev/null 2>"$tmp/err-a" &
        a=$!
        calibrate beta "$out" >/dev/null 2>"$tmp/err-b" &
        b=$!
        wait $a || fail "pair $i: calibration alpha failed: $(cat "$tmp/err-a")"
        wait $b || fail "pair $i: calibration beta failed: $(cat "$tmp/err-b")"
        got=$(set_of "$out")
        case $got in alpha | beta) ;; *) fail "calibrate pair $i: '$got'" ;; esac
        check "$out" "$got" "calibrate pair $i"
    done
}

calib_unwritable() {
    books=(model-calibrated.ini calibration.xlsx)
    out=$tmp/calib-readonly
    unwritable_alpha calibrate "$out" || return
    # a --team backtest of 100,000 replications runs for most of a minute:
    # the folder must be refused before the fit and the backtest
    start=$(date +%s)
    calibrate beta "$out" --team "$tmp/team.ini" --replications 100000 -j 1 \
        >"$tmp/stdout" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 4 ] || fail "calibrate, read-only folder: exit $rc, want 4"
    [ $(($(date +%s) - start)) -lt 10 ] ||
        fail "calibrate, read-only folder: found only after the backtest"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -Eq "^capplan: $out: output folder: not writable: (Read-only file system|Permission denied)\$" \
            "$tmp/err" || fail "calibrate, read-only folder: stderr $(cat "$tmp/err")"
    [ -s "$tmp/stdout" ] && fail "calibrate, read-only folder: something on stdout"
    check "$out" alpha "calibrate, read-only folder"
    [ "$(id -u)" -ne 0 ] && chmod 755 "$out"
}

case $case in
kill-stages) kill_stages ;;
fail-stages) fail_stages ;;
term-stages) term_stages ;;
signals) signals ;;
concurrent) concurrent ;;
new-folder) new_folder ;;
probes) probes ;;
full-disk) full_disk ;;
unwritable) unwritable ;;
closed-stdout) closed_stdout ;;
calibrate-kill-stages) calib_kill_stages ;;
calibrate-concurrent) calib_concurrent ;;
calibrate-unwritable) calib_unwritable ;;
*) echo "unknown case $case" >&2; exit 2 ;;
esac
[ $failed -eq 0 ] && echo "ok: $case"
exit $failed
