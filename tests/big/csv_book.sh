#!/bin/bash
# csv_book.sh CAPPLAN LOAD_BOOK RSS_LIMIT_KB - a book from the CSV alone
# equals the same book in the INI, and rows add up into segments as they
# are read, in memory that does not grow with the rows.
#
# 1. gen_book.py writes 3 partners with every partner key both ways (an
#    INI of [partner.ID] sections; a [portfolio]-only INI and a CSV whose
#    rows carry the keys): the two --json runs, simulated on one seed,
#    must be byte-identical.
# 2. acme's rows come in pieces (basic America/New_York 2 + 3 + 4, the
#    zone once in lower case, its keys on the first row and repeated
#    equal later) between beta's: the run equals the INI that gives
#    "basic America/New_York 9, premium Europe/Berlin 4", and the
#    quarters' customers are the hand-computed 13, 14, 16, 17 (growth 0.1
#    a quarter, each segment rounded: 9 -> 9.9 -> 10.89 -> 11.979, and
#    4 -> 4.4 -> 4.84 -> 5.324), where rows kept apart would grow to
#    2.2 + 3.3 + 4.4 -> 2 + 3 + 4 in the second quarter (13 in all).
# 3. 10 partners with 20,000 rows each (17 MB, 200,000 rows cycling over
#    6 segments of 3 customers): cap_load_book counts 60 segments and
#    10 x 20,000 x 3 = 600,000 customers, and its peak RSS stays under
#    RSS_LIMIT_KB (0: not checked, as under the sanitizers), where the
#    whole text alone would take 17 MB and a segment per row 130 MB.
set -u
exe=$1
load_book=$2
rss_limit=$3
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/capplan-csvbook.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail=0
run() { "$exe" --json -r 3 --seed 7 --today 2026-11-01 -o "out$1" "${@:2}"; }

python3 "$here/gen_book.py" ini 3 book.ini
python3 "$here/gen_book.py" csv 3 head.ini book.csv
run 1 book.ini > ini.json && run 2 head.ini book.csv > csv.json || fail=1
if ! cmp -s ini.json csv.json; then
    echo "FAIL: the CSV book's JSON differs from the INI book's:"
    diff ini.json csv.json | head -20
    fail=1
fi

cat > sum.ini <<'INI'
[portfolio]
name = Sum
start = 2027-01-01
quarters = 4

[partner.acme]
channel = oem
csm = 1
growth = 0.1
customers = basic America/New_York 9, premium Europe/Berlin 4

[partner.beta]
channel = msp
customers = premium Asia/Tokyo 5
INI
printf '[portfolio]\nname = Sum\nstart = 2027-01-01\nquarters = 4\n' > sumhead.ini
cat > sum.csv <<'CSV'
partner,channel,csm,growth,plan,timezone,customers
acme,oem,1,0.1,basic,America/New_York,2
beta,msp,,,premium,Asia/Tokyo,5
acme,,,,premium,Europe/Berlin,4
acme,,,,basic,america/new_york,3
acme,OEM,1.0,0.10,basic,America/New_York,4
CSV
run 3 sum.ini > sum_ini.json && run 4 sumhead.ini sum.csv > sum_csv.json || fail=1
if ! cmp -s sum_ini.json sum_csv.json; then
    echo "FAIL: the summed CSV's JSON differs from the INI's:"
    diff sum_ini.json sum_csv.json | head -20
    fail=1
fi
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
acme = [p for p in d["partners"] if p["id"] == "acme"][0]
print(" ".join(str(q["customers"]) for q in acme["quarters"]))' sum_csv.json)
if [ "$got" != "13 14 16 17" ]; then
    echo "FAIL: acme's customers per quarter are '$got', want '13 14 16 17'"
    fail=1
fi
python3 "$here/gen_book.py" rows 10 20000 rows.ini rows.csv
got=$("$load_book" rows.ini rows.csv) || fail=1
echo "$got"
case $got in
    "partners 10 segments 60 customers 600000 "*) ;;
    *) echo "FAIL: want 10 partners, 60 segments, 600000 customers"; fail=1 ;;
esac
rss=$(echo "$got" | sed -n 's/.*peak_rss \([0-9]*\) KB.*/\1/p')
if [ "$rss_limit" != 0 ] && [ "${rss:-999999999}" -gt "$rss_limit" ]; then
    echo "FAIL: peak RSS $rss KB over $rss_limit KB for a 17 MB CSV"
    fail=1
fi
[ $fail = 0 ] && echo "ok: CSV book = INI book; rows summed to 13 14 16 17; streamed in $rss KB"
exit $fail
